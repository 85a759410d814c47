/**
 * The canvas's traffic of one flow version, from its stored node visits: pure, so the route only
 * reads and the tests need no database. Each visit is stored with its step (call-steps.ts): the
 * node the call visited before in this flow. A step `prev -> node` went along the version's edge
 * from `prev` to `node`. Where several outputs of `prev` lead to `node` (a menu's keys 1 and 2 to one queue),
 * the step's keys pick the output named by them (or a menu's `direct`); else the step is counted
 * once for all of them (`outputs` names each), since no visit says which one it was.
 */

/** Visits of the range, grouped: how often a call went from `prev` (null: its first visit in the flow) to `nodeId` with `digits`. */
export interface StepGroup {
  prev: string | null;
  nodeId: string;
  digits: string | null;
  steps: number;
  /** Of these, how many came to a node the call had visited before. */
  revisits: number;
}

/** The version's graph as far as counting needs it. */
export interface TrafficGraph {
  nodes: ReadonlyArray<{ id: string; type: string }>;
  edges: ReadonlyArray<{ from: string; output: string; to: string }>;
}

export interface NodeTraffic {
  nodeId: string;
  visits: number;
  /** Distinct calls that visited the node. */
  calls: number;
  /** Calls whose last visit was this node and that are over: they ended (or hung up) here. */
  ended: number;
  /** Calls whose last visit was this node and that are still up. */
  active: number;
}

export interface EdgeTraffic {
  from: string;
  to: string;
  /** The output(s) the steps left through: one, or several when they cannot be told apart. */
  outputs: string[];
  steps: number;
  /** Steps per number of the flow's calls in the range (thickness); above 1 when calls loop. */
  share: number;
  /** The keys pressed on the way (a menu's choice, a direct-dial number), with their counts. */
  keys: Record<string, number>;
}

export interface CanvasTraffic {
  calls: number;
  nodes: NodeTraffic[];
  edges: EdgeTraffic[];
}

/**
 * Counts per node and per edge, drop-off per node. The calls are those that entered the flow in
 * the range (first visits). A visit no step left from was its call's last: the call is at that node
 * now (`activeAt`: live calls per node) or ended there. A GotoFlow node hands its calls to another
 * flow: they did not end there, so it shows none ended.
 */
export function canvasTraffic(graph: TrafficGraph, steps: StepGroup[], activeAt: ReadonlyMap<string, number>): CanvasTraffic {
  const nodes = new Map<string, { nodeId: string; visits: number; calls: number }>();
  const left = new Map<string, number>();
  const edges = new Map<string, EdgeTraffic>();
  let calls = 0;
  for (const group of steps) {
    const node = nodes.get(group.nodeId) ?? { nodeId: group.nodeId, visits: 0, calls: 0 };
    node.visits += group.steps;
    node.calls += group.steps - group.revisits;
    nodes.set(group.nodeId, node);
    if (group.prev === null) {
      calls += group.steps;
      continue;
    }
    left.set(group.prev, (left.get(group.prev) ?? 0) + group.steps);
    const outputs = outputsOf(graph, group.prev, group.nodeId, group.digits);
    const key = `${group.prev}\n${group.nodeId}\n${outputs.join(',')}`;
    const edge = edges.get(key) ?? { from: group.prev, to: group.nodeId, outputs, steps: 0, share: 0, keys: {} };
    edge.steps += group.steps;
    if (group.digits !== null) edge.keys[group.digits] = (edge.keys[group.digits] ?? 0) + group.steps;
    edges.set(key, edge);
  }
  const handsOver = new Set(graph.nodes.filter((n) => n.type === 'GotoFlow').map((n) => n.id));
  return {
    calls,
    nodes: [...nodes.values()]
      .map((n) => {
        const active = activeAt.get(n.nodeId) ?? 0;
        // A step out of the range's first visit (its call came in before `from`) can make this negative.
        const last = Math.max(0, n.visits - (left.get(n.nodeId) ?? 0));
        return { ...n, ended: handsOver.has(n.nodeId) ? 0 : Math.max(0, last - active), active };
      })
      .sort((a, b) => b.visits - a.visits || a.nodeId.localeCompare(b.nodeId)),
    edges: [...edges.values()]
      .map((e) => ({ ...e, share: calls > 0 ? e.steps / calls : 0 }))
      .sort((a, b) => b.steps - a.steps || a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
  };
}

/** The outputs of `from` that lead to `to`, narrowed by the keys when they name one. */
function outputsOf(graph: TrafficGraph, from: string, to: string, digits: string | null): string[] {
  const candidates = graph.edges.filter((e) => e.from === from && e.to === to).map((e) => e.output);
  if (candidates.length <= 1 || digits === null) return candidates;
  if (candidates.includes(digits)) return [digits];
  return candidates.includes('direct') ? ['direct'] : candidates;
}
