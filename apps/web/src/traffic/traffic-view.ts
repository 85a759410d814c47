import type { Schema } from '../api/client.js';

export type CanvasTraffic = Schema<'CanvasTraffic'>;

/** What a node box shows of the traffic. */
export interface NodeTrafficView {
  visits: number;
  calls: number;
  ended: number;
  active: number;
}

/** What an edge shows: its steps, its width and the keys pressed on it. */
export interface EdgeTrafficView {
  steps: number;
  share: number;
  /** Of the steps out of its source node, the part along this edge (0 … 1): a menu's key distribution. */
  ofSource: number;
  /** The keys with their counts, most pressed first (`1 ×12`). */
  keys: Array<[string, number]>;
  /** The other outputs the steps are shared with (they cannot be told apart). */
  sharedWith: string[];
}

export interface TrafficView {
  calls: number;
  nodes: ReadonlyMap<string, NodeTrafficView>;
  /** By canvas edge id (`from:output->to`, mapping.ts edgeId). */
  edges: ReadonlyMap<string, EdgeTrafficView>;
}

/** The server's counts, keyed the way the canvas finds them: an edge by each output its steps may have left through. */
export function trafficView(traffic: CanvasTraffic): TrafficView {
  const nodes = new Map(traffic.nodes.map((n) => [n.nodeId, { visits: n.visits, calls: n.calls, ended: n.ended, active: n.active }]));
  const edges = new Map<string, EdgeTrafficView>();
  const out = new Map<string, number>();
  for (const e of traffic.edges) out.set(e.from, (out.get(e.from) ?? 0) + e.steps);
  for (const e of traffic.edges) {
    const keys = Object.entries(e.keys).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const output of e.outputs) {
      edges.set(`${e.from}:${output}->${e.to}`, { steps: e.steps, share: e.share, ofSource: e.steps / out.get(e.from)!, keys, sharedWith: e.outputs.filter((o) => o !== output) });
    }
  }
  return { calls: traffic.calls, nodes, edges };
}

/** An edge's stroke width for its share of the calls: 1.5 px for none up to 10 px for all (or more, in loops). */
export const strokeFor = (share: number): number => 1.5 + 8.5 * Math.min(1, Math.sqrt(Math.max(0, share)));

/**
 * The label on an edge: its steps, their part of the steps out of the source when it branches, and
 * the keys when they say more than the output's name (a direct dial: `4 · 40 % · 1002 ×3 1003 ×1`).
 */
export function edgeLabel(edge: EdgeTrafficView): string {
  const part = edge.ofSource < 1 ? ` · ${Math.round(edge.ofSource * 100)} %` : '';
  const keys = edge.keys.length > 1 || (edge.keys.length === 1 && edge.keys[0]![1] !== edge.steps) ? ` · ${edge.keys.map(([k, n]) => `${k} ×${n}`).join(' ')}` : '';
  return `${edge.steps}${part}${keys}${edge.sharedWith.length > 0 ? ' ∑' : ''}`;
}
