import type { Flow, FlowEdge } from '@stumpfworks/flow';
import { enumeratePaths, flowLibrary, outcomeText, simulate, type Effect, type Transcript } from '@stumpfworks/engine';
import { edgeId } from '../editor/mapping.js';

/** One call tried in the simulator: what the caller (and the network) did and how it ended. */
export interface TriedPath {
  tokens: string[];
  /** The end in both languages, or undefined while the call still waits. */
  end?: { de: string; en: string };
  /** The virtual clock of the call (`datetime-local`), because time conditions depend on it. */
  at: string;
  nodes: string[];
  /** Ids of the edges (canvas ids: `from:output->to`) the call went along. */
  edges: string[];
  /** By hand in the simulator, or by "try all paths". */
  via: 'caller' | 'all';
}

/** What the tried paths reached of a flow, and what they never reached. */
export interface Coverage {
  nodes: { reached: number; total: number; unreached: string[] };
  edges: { reached: number; total: number; unreached: FlowEdge[] };
}

/** The effects after which a call waits for the next script token (keys, a dial or queue result). */
const TOKEN_WAITS = new Set<Effect['type']>(['readInput', 'dial', 'queue', 'transfer', 'httpRequest']);

/** Script tokens that leave a waiting node through fixed outputs. */
const TOKEN_OUTPUTS = new Map<string, string[]>(Object.entries({
  answer: ['answered'],
  busy: ['busy'],
  noanswer: ['noAnswer'],
  unavailable: ['unavailable'],
  overflow: ['overflow'],
  timeout: ['timeout'],
  hangup: [],
  'http:timeout': ['timeout'],
  'http:failure': ['failure'],
}));

/** The outputs a token may leave a waiting node through, best first. */
function outputsFor(token: string, digits: string | undefined): string[] {
  const fixed = TOKEN_OUTPUTS.get(token);
  if (fixed) return fixed;
  // http:<status>[:body]: 2xx is success, any other status a failure (see docs/flow-semantics.md).
  if (token.startsWith('http:')) return /^http:2\d\d\b/.test(token) ? ['success'] : ['failure'];
  return digits !== undefined ? [digits, 'direct'] : ['next', 'invalid', 'wrongPin'];
}

/**
 * For each visit of the transcript, the index of the token that led to it (-1: none, the call got
 * there on its own). Each token answers one wait, and each wait starts with one effect of
 * TOKEN_WAITS; returns undefined when the transcript does not line up that way.
 */
export function tokenOfVisits(transcript: Transcript, tokens: string[]): number[] | undefined {
  const out: number[] = [];
  let waits = 0;
  for (const effect of transcript.effects) {
    if (effect.type === 'visit') out.push(waits - 1);
    else if (TOKEN_WAITS.has(effect.type)) waits++;
  }
  const expected = tokens.length + (transcript.status === 'waiting' ? 1 : 0);
  return waits === expected ? out : undefined;
}

/** The same, by running the call again token by token (slower, for transcripts that do not line up). */
function tokenOfVisitsByReplay(flow: Flow, tokens: string[], at: Date, callerId: string): number[] {
  const flows = flowLibrary([flow]);
  const out: number[] = [];
  for (let k = 0; k <= tokens.length; k++) {
    const visits = simulate(flows, flow.id, tokens.slice(0, k), { at, callerId }).visits.length;
    while (out.length < visits) out.push(k - 1);
  }
  return out;
}

/**
 * The edges a simulated call went along. Consecutive visits of this flow give the nodes; when a node
 * has several outputs to the same next node (a menu's timeout and invalid), the token that moved the
 * call decides which one (busy -> `busy`, a key -> that digit, ...).
 */
export function edgesTaken(flow: Flow, tokens: string[], transcript: Transcript, options: { at: Date; callerId: string }): string[] {
  const causes = tokenOfVisits(transcript, tokens) ?? tokenOfVisitsByReplay(flow, tokens, options.at, options.callerId);
  const taken: string[] = [];
  const visits = transcript.visits;
  for (let i = 1; i < visits.length; i++) {
    const from = visits[i - 1]!;
    const to = visits[i]!;
    if (from.flowId !== flow.id || to.flowId !== flow.id) continue;
    const candidates = flow.edges.filter((e) => e.from === from.nodeId && e.to === to.nodeId);
    if (candidates.length <= 1) {
      taken.push(...candidates.map(edgeId));
      continue;
    }
    const token = tokens[causes[i] ?? -1];
    const preferred = token === undefined ? [] : outputsFor(token, to.digits);
    const best = preferred.map((o) => candidates.find((e) => e.output === o)).find((e) => e !== undefined);
    // Moved on its own with two outputs to one node (e.g. both branches of a condition): either one.
    taken.push(...(best ? [best] : candidates).map(edgeId));
  }
  return [...new Set(taken)];
}

/** A tried path from a simulated call. */
export function triedPath(flow: Flow, tokens: string[], transcript: Transcript, at: string, via: TriedPath['via']): TriedPath {
  const when = new Date(at);
  return {
    tokens,
    ...(transcript.outcome ? { end: outcomeText(transcript.outcome) } : {}),
    at,
    nodes: [...new Set(transcript.visits.filter((v) => v.flowId === flow.id).map((v) => v.nodeId))],
    edges: edgesTaken(flow, tokens, transcript, { at: when, callerId: transcript.callerId }),
    via,
  };
}

/** Bounds for "try all paths" in the browser: a node twice per path (a menu and back) is enough to reach every output. */
export const ALL_PATHS_BOUNDS = { maxEvents: 10, maxVisitsPerNode: 2, maxPaths: 20000 } as const;

/**
 * Every path the engine's enumeratePaths finds at the given clock and caller ID (bounded), as tried
 * paths; `truncated` counts the branches the bounds cut off.
 */
export function tryAllPaths(flow: Flow, at: string, callerId: string): { paths: TriedPath[]; truncated: number } {
  const when = new Date(at);
  if (Number.isNaN(when.getTime())) throw new Error(`invalid date: ${at}`);
  const { paths, truncated } = enumeratePaths(flowLibrary([flow]), flow.id, { at: when, callerId, ...ALL_PATHS_BOUNDS });
  return { paths: paths.map((p) => triedPath(flow, p.events, p.transcript, at, 'all')), truncated };
}

/** What the paths reached of the flow's nodes and edges (ids that are no longer in the flow are ignored). */
export function coverageOf(flow: { nodes: readonly { id: string }[]; edges: readonly FlowEdge[] }, paths: readonly TriedPath[]): Coverage {
  const nodes = new Set(paths.flatMap((p) => p.nodes));
  const edges = new Set(paths.flatMap((p) => p.edges));
  const unreachedNodes = flow.nodes.map((n) => n.id).filter((id) => !nodes.has(id));
  const unreachedEdges = flow.edges.filter((e) => !edges.has(edgeId(e)));
  return {
    nodes: { reached: flow.nodes.length - unreachedNodes.length, total: flow.nodes.length, unreached: unreachedNodes },
    edges: { reached: flow.edges.length - unreachedEdges.length, total: flow.edges.length, unreached: unreachedEdges },
  };
}

/** `paths` and then those of `added` that are new: one entry per list of tokens at one clock. */
export function mergePaths(paths: readonly TriedPath[], added: readonly TriedPath[]): TriedPath[] {
  const key = (p: TriedPath) => `${p.at}|${p.tokens.join(',')}`;
  const seen = new Set(paths.map(key));
  const out = [...paths];
  for (const path of added) {
    if (seen.has(key(path))) continue;
    seen.add(key(path));
    out.push(path);
  }
  return out;
}

/** The behaviour of a flow, without positions: coverage is kept while only the layout changes. */
export function behaviourKey(flow: Pick<Flow, 'id' | 'nodes' | 'edges'>): string {
  return JSON.stringify([flow.id, flow.nodes.map((n) => [n.id, n.type, n.params]), flow.edges.map(edgeId)]);
}
