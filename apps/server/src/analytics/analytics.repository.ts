import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { AnalyticsRow } from './aggregate.js';

/**
 * The calls that started in [start, end), in the order they started: the started_at index gives
 * them in that order, and only the columns the figures read are fetched (a busy month is ~100k rows).
 */
export function callsBetween(db: Kysely<Database>, start: number, end: number): Promise<AnalyticsRow[]> {
  return db
    .selectFrom('call_history')
    .select(['started_at', 'answered_at', 'direction', 'called', 'trunk_id', 'flow_id', 'flow_version', 'path', 'answered_by', 'queue_id', 'wait_ms', 'outcome', 'voicemail_box'])
    .where('started_at', '>=', start)
    .where('started_at', '<', end)
    .orderBy('started_at')
    .execute();
}

export interface KeyCount {
  flowId: string;
  flowVersion: number;
  nodeId: string;
  digits: string;
  calls: number;
}

/** The keys callers pressed to reach each node in [from, to) (ISO), per flow version: node visits with digits. */
export async function keysBetween(db: Kysely<Database>, from: string, to: string): Promise<KeyCount[]> {
  const rows = await db
    .selectFrom('node_visits')
    .select((eb) => ['flow_id', 'flow_version', 'node_id', 'digits', eb.fn.count<number>('call_id').distinct().as('calls')])
    .where('time', '>=', from)
    .where('time', '<', to)
    .where('digits', 'is not', null)
    .groupBy(['flow_id', 'flow_version', 'node_id', 'digits'])
    .orderBy('calls', 'desc')
    .orderBy('digits')
    .execute();
  return rows.map((r) => ({ flowId: r.flow_id, flowVersion: r.flow_version, nodeId: r.node_id, digits: r.digits!, calls: Number(r.calls) }));
}
