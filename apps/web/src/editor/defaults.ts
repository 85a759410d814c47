import { nodeTypeDescription, type FlowNode } from '@stumpfworks/flow';

/**
 * The params of a fresh node of a type: its description's `seed` (values for the params without a
 * default, so a node dropped on the canvas is valid at once) with the params' defaults filled in.
 */
export function defaultParams(type: string): Record<string, unknown> {
  const description = nodeTypeDescription(type);
  const seed = (description?.seed ?? {}) as Record<string, unknown>;
  if (!description) return { ...seed };
  const parsed = description.params.safeParse(seed);
  return parsed.success ? (parsed.data as Record<string, unknown>) : { ...seed };
}

/** A node id not yet used in the flow, like `dial-2`. */
export function freshNodeId(type: string, nodes: readonly Pick<FlowNode, 'id'>[]): string {
  const base = type.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
  const used = new Set(nodes.map((n) => n.id));
  for (let i = 1; ; i++) {
    const id = `${base}-${i}`;
    if (!used.has(id)) return id;
  }
}
