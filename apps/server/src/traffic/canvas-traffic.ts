/**
 * The canvas's traffic of one flow version, from its stored node visits: pure, so the route only
 * reads and the tests need no database. Visits of one call in this flow, in the order they were
 * stored, make its steps: a step `prev -> node` went along the version's edge from `prev` to
 * `node`. Where several outputs of `prev` lead to `node` (a menu's keys 1 and 2 to one queue),
 * the step's keys pick the output named by them (or a menu's `direct`); else the step is counted
 * once for all of them (`outputs` names each), since no visit says which one it was.
 */

/** Steps of the range, grouped: how often a call went from `prev` (null: its first visit in the range) to `nodeId` with `digits`. */
export interface StepGroup {
  prev: string | null;
  nodeId: string;
  digits: string | null;
  steps: number;
  /** Of these steps, how many were the call's last visit in the range. */
  last: number;
}

export interface NodeCount {
  nodeId: string;
  visits: number;
  calls: number;
}

/** The version's graph as far as counting needs it. */
export interface TrafficGraph {
  nodes: ReadonlyArray<{ id: string; type: string }>;
  edges: ReadonlyArray<{ from: string; output: string; to: string }>;
}

export interface NodeTraffic extends NodeCount {
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
 * Counts per node and per edge, drop-off per node. `activeAt` is how many live calls have their
 * last visit at each node. A GotoFlow node hands its calls to another flow: they did not end
 * there, so it shows none ended.
 */
export function canvasTraffic(graph: TrafficGraph, calls: number, nodes: NodeCount[], steps: StepGroup[], activeAt: ReadonlyMap<string, number>): CanvasTraffic {
  const lastAt = new Map<string, number>();
  const edges = new Map<string, EdgeTraffic>();
  for (const group of steps) {
    lastAt.set(group.nodeId, (lastAt.get(group.nodeId) ?? 0) + group.last);
    if (group.prev === null) continue;
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
    nodes: nodes.map((n) => {
      const active = activeAt.get(n.nodeId) ?? 0;
      return { ...n, ended: handsOver.has(n.nodeId) ? 0 : Math.max(0, (lastAt.get(n.nodeId) ?? 0) - active), active };
    }),
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
