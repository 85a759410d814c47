import type { DraftFlow } from './draft.js';

/** What a new version changes against the published one: nodes added, removed, changed, edges. */
export interface FlowChanges {
  added: string[];
  removed: string[];
  changed: string[];
  edgesAdded: number;
  edgesRemoved: number;
}

const edgeKey = (e: { from: string; output: string; to: string }) => `${e.from}:${e.output}->${e.to}`;
/** A node without its position: moving a node is not a change of behaviour. */
const behaviour = (n: DraftFlow['nodes'][number]) => JSON.stringify({ type: n.type, label: n.label, params: n.params });

export function flowChanges(before: Pick<DraftFlow, 'nodes' | 'edges'> | undefined, after: Pick<DraftFlow, 'nodes' | 'edges'>): FlowChanges {
  const old = new Map((before?.nodes ?? []).map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const oldEdges = new Set((before?.edges ?? []).map(edgeKey));
  const newEdges = new Set(after.edges.map(edgeKey));
  return {
    added: [...now.keys()].filter((id) => !old.has(id)),
    removed: [...old.keys()].filter((id) => !now.has(id)),
    changed: [...now.values()].filter((n) => old.has(n.id) && behaviour(old.get(n.id)!) !== behaviour(n)).map((n) => n.id),
    edgesAdded: [...newEdges].filter((e) => !oldEdges.has(e)).length,
    edgesRemoved: [...oldEdges].filter((e) => !newEdges.has(e)).length,
  };
}

export function isUnchanged(c: FlowChanges): boolean {
  return c.added.length + c.removed.length + c.changed.length + c.edgesAdded + c.edgesRemoved === 0;
}
