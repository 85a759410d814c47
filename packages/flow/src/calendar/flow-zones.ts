import type { Flow } from '../flow.schema.js';

/** What a TimeCondition reads the clock in when its `timezone` is left out (its schema's default). */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/**
 * The time zones the flows read the clock in: their TimeCondition nodes' zones, in node order,
 * or the TimeCondition default when they have none (a flow keeps no zone of its own). The CLI's
 * `--at` and the editor's simulator clock read a wall-clock time in the first of them.
 */
export function flowTimeZones(flows: readonly Flow[]): string[] {
  const zones = flows.flatMap((flow) => flow.nodes.flatMap((node) => (node.type === 'TimeCondition' ? [node.params.timezone] : [])));
  return zones.length > 0 ? [...new Set(zones)] : [DEFAULT_TIME_ZONE];
}
