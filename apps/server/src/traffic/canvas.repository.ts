import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { NodeCount, StepGroup } from './canvas-traffic.js';

/** One flow version's visits in [from, to): what the canvas counts. */
export interface VersionRange {
  flowId: string;
  version: number;
  from: string;
  to: string;
}

/**
 * The range's steps grouped by (previous node, node, keys), with how many were a call's last
 * visit. Order within a call is the order the visits were stored (rowid): two visits of one
 * millisecond keep their order, which the time alone would not. One pass of SQLite's window
 * functions over the range (measured in bench/ops: see docs/server.md).
 */
export async function stepGroups(db: Kysely<Database>, r: VersionRange): Promise<StepGroup[]> {
  const { rows } = await sql<{ prev: string | null; node_id: string; digits: string | null; steps: number; last: number }>`
    WITH s AS (
      SELECT node_id, digits,
        LAG(node_id) OVER w AS prev,
        LEAD(node_id) OVER w IS NULL AS is_last
      FROM node_visits
      WHERE flow_id = ${r.flowId} AND time >= ${r.from} AND time < ${r.to} AND flow_version = ${r.version}
      WINDOW w AS (PARTITION BY call_id ORDER BY rowid)
    )
    SELECT prev, node_id, digits, count(*) AS steps, sum(is_last) AS last FROM s GROUP BY prev, node_id, digits`.execute(db);
  return rows.map((row) => ({ prev: row.prev, nodeId: row.node_id, digits: row.digits, steps: Number(row.steps), last: Number(row.last) }));
}

/** Visits and distinct calls per node, and the distinct calls of the range. */
export async function nodeCounts(db: Kysely<Database>, r: VersionRange): Promise<{ calls: number; nodes: NodeCount[] }> {
  const range = db
    .selectFrom('node_visits')
    .where('flow_id', '=', r.flowId)
    .where('time', '>=', r.from)
    .where('time', '<', r.to)
    .where('flow_version', '=', r.version);
  const rows = await range
    .select((eb) => ['node_id', eb.fn.countAll<number>().as('visits'), eb.fn.count<number>('call_id').distinct().as('calls')])
    .groupBy('node_id')
    .orderBy('visits', 'desc')
    .orderBy('node_id')
    .execute();
  const total = await range.select((eb) => eb.fn.count<number>('call_id').distinct().as('calls')).executeTakeFirst();
  return { calls: Number(total?.calls ?? 0), nodes: rows.map((row) => ({ nodeId: row.node_id, visits: Number(row.visits), calls: Number(row.calls) })) };
}

/** How many of `callIds` (live calls) have their last visit of the range at each node. */
export async function activeAt(db: Kysely<Database>, r: VersionRange, callIds: readonly string[]): Promise<Map<string, number>> {
  const last = new Map<string, string>();
  // Chunks keep under SQLite's limit of bound parameters; live calls are few.
  for (let i = 0; i < callIds.length; i += 500) {
    const rows = await db
      .selectFrom('node_visits')
      .select(['call_id', 'node_id'])
      .where('flow_id', '=', r.flowId)
      .where('time', '>=', r.from)
      .where('time', '<', r.to)
      .where('flow_version', '=', r.version)
      .where('call_id', 'in', callIds.slice(i, i + 500))
      .orderBy(sql`rowid`)
      .execute();
    for (const row of rows) last.set(row.call_id, row.node_id);
  }
  const counts = new Map<string, number>();
  for (const nodeId of last.values()) counts.set(nodeId, (counts.get(nodeId) ?? 0) + 1);
  return counts;
}

/** The versions of a flow that have visits stored, newest first, and the time of the oldest visit kept (of any flow). */
export async function storedVersions(db: Kysely<Database>, flowId: string): Promise<{ versions: number[]; keptSince: string | null }> {
  const rows = await db.selectFrom('node_visits').select('flow_version').distinct().where('flow_id', '=', flowId).orderBy('flow_version', 'desc').execute();
  const oldest = await db.selectFrom('node_visits').select('time').orderBy('time').limit(1).executeTakeFirst();
  return { versions: rows.map((row) => row.flow_version), keptSince: oldest?.time ?? null };
}
