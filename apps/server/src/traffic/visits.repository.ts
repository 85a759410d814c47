import type { Kysely } from 'kysely';
import type { Database, NewNodeVisit, NodeVisitRow } from '../db/tables.js';

/** Appends visits in one transaction. */
export async function insertVisits(db: Kysely<Database>, visits: NewNodeVisit[]): Promise<void> {
  if (visits.length === 0) return;
  await db.transaction().execute(async (trx) => {
    // A few hundred rows per statement keeps under SQLite's limit of bound parameters.
    for (let i = 0; i < visits.length; i += 100) await trx.insertInto('node_visits').values(visits.slice(i, i + 100)).execute();
  });
}

/** Visits per node of one flow in [from, to), most visited first, with the distinct calls. */
export async function countsByNode(db: Kysely<Database>, flowId: string, from: string, to: string): Promise<Array<{ nodeId: string; visits: number; calls: number }>> {
  const rows = await db
    .selectFrom('node_visits')
    .select((eb) => ['node_id', eb.fn.countAll<number>().as('visits'), eb.fn.count<number>('call_id').distinct().as('calls')])
    .where('flow_id', '=', flowId)
    .where('time', '>=', from)
    .where('time', '<', to)
    .groupBy('node_id')
    .orderBy('visits', 'desc')
    .orderBy('node_id')
    .execute();
  return rows.map((r) => ({ nodeId: r.node_id, visits: Number(r.visits), calls: Number(r.calls) }));
}

/** The distinct calls of one flow in [from, to). */
export async function countCalls(db: Kysely<Database>, flowId: string, from: string, to: string): Promise<number> {
  const row = await db
    .selectFrom('node_visits')
    .select((eb) => eb.fn.count<number>('call_id').distinct().as('calls'))
    .where('flow_id', '=', flowId)
    .where('time', '>=', from)
    .where('time', '<', to)
    .executeTakeFirst();
  return Number(row?.calls ?? 0);
}

/** The latest `limit` visits of one flow in [from, to), newest first. */
export async function lastVisits(db: Kysely<Database>, flowId: string, from: string, to: string, limit: number): Promise<NodeVisitRow[]> {
  return db
    .selectFrom('node_visits')
    .selectAll()
    .where('flow_id', '=', flowId)
    .where('time', '>=', from)
    .where('time', '<', to)
    .orderBy('time', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Keeps the table bounded: drops visits older than `before`, then the oldest beyond `maxRows`.
 * Returns the rows deleted.
 */
export async function pruneVisits(db: Kysely<Database>, before: string, maxRows: number): Promise<number> {
  const old = await db.deleteFrom('node_visits').where('time', '<', before).executeTakeFirst();
  let deleted = Number(old.numDeletedRows);
  const cut = await db.selectFrom('node_visits').select('time').orderBy('time', 'desc').offset(maxRows).limit(1).executeTakeFirst();
  if (cut) deleted += Number((await db.deleteFrom('node_visits').where('time', '<=', cut.time).executeTakeFirst()).numDeletedRows);
  return deleted;
}
