import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { StepGroup } from './canvas-traffic.js';

/** One flow version's visits in [from, to): what the canvas counts. */
export interface VersionRange {
  flowId: string;
  version: number;
  from: string;
  to: string;
}

/**
 * The range's visits grouped by their step (previous node, node, keys), with the revisits: one
 * GROUP BY over the flow's index range (bench/traffic.bench.ts: 200,000 visits in one range).
 */
export async function stepGroups(db: Kysely<Database>, r: VersionRange): Promise<StepGroup[]> {
  const rows = await db
    .selectFrom('node_visits')
    .select((eb) => ['prev_node_id', 'node_id', 'digits', eb.fn.countAll<number>().as('steps'), eb.fn.sum<number>('revisit').as('revisits')])
    .where('flow_id', '=', r.flowId)
    .where('time', '>=', r.from)
    .where('time', '<', r.to)
    .where('flow_version', '=', r.version)
    .groupBy(['prev_node_id', 'node_id', 'digits'])
    .execute();
  return rows.map((row) => ({ prev: row.prev_node_id, nodeId: row.node_id, digits: row.digits, steps: Number(row.steps), revisits: Number(row.revisits) }));
}

/** The time of the oldest visit still stored (of any flow): a range before it counts nothing. */
export async function keptSince(db: Kysely<Database>): Promise<string | null> {
  const oldest = await db.selectFrom('node_visits').select('time').orderBy('time').limit(1).executeTakeFirst();
  return oldest?.time ?? null;
}
