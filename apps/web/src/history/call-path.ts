import type { DraftFlow } from '../editor/draft.js';
import { edgeId, type Highlight } from '../editor/mapping.js';

/** The URL of a call's path on its flow's canvas: the flow at the version the call ran on, the node ids it visited. */
export function callPathUrl(flow: { id: string; version: number | null }, path: readonly string[]): string {
  const query = new URLSearchParams({ ...(flow.version === null ? {} : { version: String(flow.version) }), path: path.join(',') });
  return `/flows/${encodeURIComponent(flow.id)}?${query}`;
}

/** The node ids of `callPathUrl`'s query, or undefined when it names none. */
export function callPathOf(search: string): string[] | undefined {
  const path = new URLSearchParams(search).get('path')?.split(',').filter((id) => id.length > 0);
  return path && path.length > 0 ? path : undefined;
}

/**
 * A recorded call's path as the simulator's highlight: the nodes it visited, the last one active,
 * and every edge between two nodes it visited one after the other (the history keeps nodes, not
 * outputs: two outputs to the same node both light). Ids the flow no longer has light nothing.
 */
export function callPathHighlight(flow: DraftFlow, path: readonly string[]): Highlight {
  const steps = new Set(path.slice(1).map((to, i) => `${path[i]}\u0000${to}`));
  const edges = new Set(flow.edges.filter((e) => steps.has(`${e.from}\u0000${e.to}`)).map(edgeId));
  return { active: path[path.length - 1]!, visited: new Set(path), edges };
}
