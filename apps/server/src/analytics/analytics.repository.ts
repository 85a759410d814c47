import { sql, type Kysely } from 'kysely';
import type { CallHistoryTable, Database } from '../db/tables.js';

/**
 * Calls of a range counted in SQLite, grouped by a key, their outcome and whether they were
 * outbound: the count, the waits (`wait_ms` of those that have one, comma-separated: the p90 needs
 * them all) and how many were answered within the service level's threshold. Grouping in SQLite
 * hands JavaScript a few thousand rows instead of every call (a busy month is ~80,000).
 */
export interface FigureRow {
  key: number;
  outcome: CallHistoryTable['outcome'];
  outbound: number;
  calls: number;
  waits: string | null;
  within: number;
}

/** How many calls of a group were answered within the threshold: of the queue wait when they queued, else from their start. */
const WITHIN = (thresholdMs: number) => sql`sum(outcome = 'answered' and answered_at is not null and coalesce(wait_ms, answered_at - started_at) <= ${thresholdMs})`;

/** The calls started in [start, end) grouped by the hour of the range they started in (0 = its first). */
export async function hourRows(db: Kysely<Database>, start: number, end: number, thresholdMs: number): Promise<FigureRow[]> {
  const result = await sql<FigureRow>`
    select cast((started_at - ${start}) / 3600000 as integer) as key, outcome, direction = 'outbound' as outbound, count(*) as calls,
      group_concat(wait_ms) as waits, ${WITHIN(thresholdMs)} as within
    from call_history
    where started_at >= ${start} and started_at < ${end}
    group by 1, 2, 3`.execute(db);
  return result.rows;
}

/** Calls grouped by the extension, trunk and queue they belonged to at once (one pass; each list is summed from it). */
export type PartyRow = Omit<FigureRow, 'key'> & { extension: string | null; trunk: string | null; queue: string | null };

/**
 * The calls started in [start, end) grouped by extension, trunk and queue together: a few thousand
 * groups at most, so one scan serves all three tables. The extension is who answered, else the
 * mailbox reached, else the extension an internal call dialled; outbound calls have none.
 */
export async function partyRows(db: Kysely<Database>, start: number, end: number, thresholdMs: number): Promise<PartyRow[]> {
  const result = await sql<PartyRow>`
    select case when direction = 'outbound' then null else coalesce(answered_by, voicemail_box, case when direction = 'internal' then called end) end as extension,
      trunk_id as trunk, queue_id as queue, outcome, direction = 'outbound' as outbound, count(*) as calls,
      group_concat(wait_ms) as waits, ${WITHIN(thresholdMs)} as within
    from call_history
    where started_at >= ${start} and started_at < ${end}
    group by 1, 2, 3, 4, 5`.execute(db);
  return result.rows;
}

/** The paths calls took through each flow version in [start, end), with how many took each and whether they were abandoned. */
export interface PathRow {
  flow_id: string;
  flow_version: number;
  path: string | null;
  abandoned: number;
  calls: number;
}

export async function pathRows(db: Kysely<Database>, start: number, end: number): Promise<PathRow[]> {
  const result = await sql<PathRow>`
    select flow_id, flow_version, path, outcome = 'abandoned' as abandoned, count(*) as calls
    from call_history
    where started_at >= ${start} and started_at < ${end} and flow_id is not null and flow_version is not null
    group by 1, 2, 3, 4`.execute(db);
  return result.rows;
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
