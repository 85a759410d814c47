import type { Flow, FlowEdge } from '@stumpfworks/flow';
import { enumeratePaths, outcomeText, type Transcript } from '@stumpfworks/engine';
import { edgeId } from '../editor/mapping.js';
import { clockInstant, simulatorZone } from './clock.js';
import { libraryOf } from './session.js';

/** One call tried in the simulator: what the caller (and the network) did and how it ended. */
export interface TriedPath {
  tokens: string[];
  /** The end in both languages, or undefined while the call still waits. */
  end?: { de: string; en: string };
  /** The virtual clock of the call (`datetime-local` in the flow's zone), because time conditions depend on it. */
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

/**
 * The edges (canvas ids) a simulated call of `flow` went along: each visit names the connection it
 * came through, so parallel outputs to one node (a menu's timeout and invalid) are told apart.
 */
export function edgesTaken(flow: Pick<Flow, 'id'>, transcript: Transcript): string[] {
  const taken = transcript.visits.flatMap((v) => (v.flowId === flow.id && v.edge ? [edgeId({ ...v.edge, to: v.nodeId })] : []));
  return [...new Set(taken)];
}

/** A tried path from a simulated call. */
export function triedPath(flow: Flow, tokens: string[], transcript: Transcript, at: string, via: TriedPath['via']): TriedPath {
  return {
    tokens,
    ...(transcript.outcome ? { end: outcomeText(transcript.outcome) } : {}),
    at,
    nodes: [...new Set(transcript.visits.filter((v) => v.flowId === flow.id).map((v) => v.nodeId))],
    edges: edgesTaken(flow, transcript),
    via,
  };
}

/** Bounds for "try all paths" in the browser: a node twice per path (a menu and back) is enough to reach every output. */
export const ALL_PATHS_BOUNDS = { maxEvents: 10, maxVisitsPerNode: 2, maxPaths: 20000 } as const;

/**
 * Every path the engine's enumeratePaths finds at the given clock (read in the flow's zone) and caller ID (bounded), as tried
 * paths (into the sub-flows too, which are not the edited flow's coverage); `truncated` counts the branches the bounds cut off.
 */
export function tryAllPaths(flow: Flow, at: string, callerId: string, subFlows: readonly Flow[] = []): { paths: TriedPath[]; truncated: number } {
  const clock = clockInstant(at, simulatorZone(flow, subFlows));
  if (!clock.ok) throw new Error(`invalid date: ${at} (${clock.message.en})`);
  const { paths, truncated } = enumeratePaths(libraryOf(flow, subFlows), flow.id, { at: clock.at, callerId, ...ALL_PATHS_BOUNDS });
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
