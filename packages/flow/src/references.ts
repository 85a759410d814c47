import { nodeTypeDescription } from './catalogue.js';
import type { ResourceKind } from './nodes/node-type.js';
import type { Prompt } from './prompt.js';

/** What exists on the PBX, by list. A list that is left out is not checked. */
export type KnownResources = Partial<Record<ResourceKind, string[]>>;

/** One name of a PBX list that a node's param gives. */
export interface ResourceReference {
  param: string;
  kind: ResourceKind;
  name: string;
}

/**
 * The PBX entries a node names, in the order its description lists the params (see
 * `references` in node-type.ts).
 *
 * @example
 * referencesOf({ type: 'Queue', params: { queue: 'support', maxWaitSeconds: 120 } });
 * // [{ param: 'queue', kind: 'queues', name: 'support' }]
 */
export function referencesOf(node: { type: string; params: unknown }): ResourceReference[] {
  const references = nodeTypeDescription(node.type)?.references ?? {};
  const params = node.params as Record<string, unknown>;
  return Object.entries(references).flatMap(([param, kind]) =>
    kind === undefined ? [] : namesIn(kind, params[param]).map((name) => ({ param, kind, name })),
  );
}

/** The ids of the flows a flow's nodes name (a GotoFlow's or CallFlow's target), in node order, without repeats. */
export function flowsNamedBy(flow: { nodes: ReadonlyArray<{ type: string; params: unknown }> }): string[] {
  const names = flow.nodes.flatMap((node) => referencesOf(node).filter((r) => r.kind === 'flows').map((r) => r.name));
  return [...new Set(names)];
}

/** The names in a param's value: an uploaded prompt's id, or names that are not empty and not `${...}` references. */
function namesIn(kind: ResourceKind, value: unknown): string[] {
  if (kind === 'prompts') return isUpload(value) ? [value.id] : [];
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string' && v !== '' && !v.includes('${'));
}

function isUpload(value: unknown): value is Extract<Prompt, { kind: 'upload' }> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'upload';
}
