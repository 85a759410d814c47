import type { Flow } from '@stumpfworks/flow';
import type { Kysely } from 'kysely';
import type { Database, FlowRow, FlowVersionRow } from '../db/tables.js';

export async function listFlows(db: Kysely<Database>): Promise<FlowRow[]> {
  return db.selectFrom('flows').selectAll().orderBy('id').execute();
}

export async function getFlow(db: Kysely<Database>, id: string): Promise<FlowRow | undefined> {
  return db.selectFrom('flows').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Creates the flow or replaces its draft; returns whether it was created. */
export async function saveDraft(db: Kysely<Database>, flow: Flow): Promise<boolean> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('flows').select('id').where('id', '=', flow.id).executeTakeFirst();
    if (existing) {
      await trx.updateTable('flows').set({ name: flow.name, draft: JSON.stringify(flow), updated_at: now }).where('id', '=', flow.id).execute();
      return false;
    }
    await trx
      .insertInto('flows')
      .values({ id: flow.id, name: flow.name, draft: JSON.stringify(flow), published_version: null, created_at: now, updated_at: now })
      .execute();
    return true;
  });
}

/** Creates the flow; false (and nothing written) when a flow with its id exists. */
export async function createDraft(db: Kysely<Database>, flow: Flow): Promise<boolean> {
  const now = new Date().toISOString();
  const result = await db
    .insertInto('flows')
    .values({ id: flow.id, name: flow.name, draft: JSON.stringify(flow), published_version: null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * Replaces the draft only while it is still at `revision` (compare and set in one statement, so a
 * write that came in between is never overwritten); false when it was not.
 */
export async function replaceDraft(db: Kysely<Database>, flow: Flow, revision: number): Promise<boolean> {
  const result = await db
    .updateTable('flows')
    .set({ name: flow.name, draft: JSON.stringify(flow), updated_at: new Date().toISOString() })
    .where('id', '=', flow.id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteFlow(db: Kysely<Database>, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('flow_versions').where('flow_id', '=', id).execute();
    const result = await trx.deleteFrom('flows').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  });
}

export async function listVersions(db: Kysely<Database>, flowId: string): Promise<FlowVersionRow[]> {
  return db.selectFrom('flow_versions').selectAll().where('flow_id', '=', flowId).orderBy('version', 'desc').execute();
}

export async function getVersion(db: Kysely<Database>, flowId: string, version: number): Promise<FlowVersionRow | undefined> {
  return db.selectFrom('flow_versions').selectAll().where('flow_id', '=', flowId).where('version', '=', version).executeTakeFirst();
}

/**
 * Appends an immutable version with `document` and makes it the published one (the draft follows
 * it, so the editor shows what is live). Returns the new version number.
 */
export async function appendVersion(
  db: Kysely<Database>,
  flowId: string,
  document: string,
  actor: string,
  rollbackOf: number | null,
): Promise<number> {
  return db.transaction().execute((trx) => stageVersion(trx, flowId, document, actor, rollbackOf));
}

/**
 * appendVersion's steps without a transaction of their own, for callers that already hold one (the
 * publish preview stages drafts this way in a transaction it rolls back). Creates the flow row if
 * there is none yet.
 */
export async function stageVersion(
  trx: Kysely<Database>,
  flowId: string,
  document: string,
  actor: string,
  rollbackOf: number | null,
): Promise<number> {
  const last = await trx.selectFrom('flow_versions').select('version').where('flow_id', '=', flowId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  const version = (last?.version ?? 0) + 1;
  const now = new Date().toISOString();
  const name = (JSON.parse(document) as { name?: string }).name ?? flowId;
  const existing = await trx.selectFrom('flows').select('id').where('id', '=', flowId).executeTakeFirst();
  if (!existing) {
    await trx.insertInto('flows').values({ id: flowId, name, draft: document, published_version: null, created_at: now, updated_at: now }).execute();
  }
  await trx.insertInto('flow_versions').values({ flow_id: flowId, version, document, created_at: now, created_by: actor, rollback_of: rollbackOf }).execute();
  await trx.updateTable('flows').set({ published_version: version, draft: document, updated_at: now }).where('id', '=', flowId).execute();
  return version;
}

/**
 * Takes a release back after a refused publish: `version` stays in the history (numbers are never
 * reused), and the flow's published version, draft and its revision return to what they were
 * before (an editor that read the draft then may still save over it).
 */
export async function unrelease(
  db: Kysely<Database>,
  flowId: string,
  version: number,
  before: { publishedVersion: number | null; draft: string; revision: number },
): Promise<void> {
  await db
    .updateTable('flows')
    .set({ published_version: before.publishedVersion, draft: before.draft, revision: before.revision, updated_at: new Date().toISOString() })
    .where('id', '=', flowId)
    .where('published_version', '=', version)
    .execute();
}

/**
 * The versions of a flow that were refused: part of a publish that was rejected or rolled back, and
 * never of one that was applied (or found nothing to change).
 */
export async function refusedVersions(db: Kysely<Database>, flowId: string): Promise<Set<number>> {
  const rows = await db.selectFrom('publishes').select(['outcome', 'flow_versions']).where('flow_versions', 'like', `%${JSON.stringify(flowId)}%`).execute();
  const refused = new Set<number>();
  const live = new Set<number>();
  for (const row of rows) {
    const version = (JSON.parse(row.flow_versions) as Record<string, number>)[flowId];
    if (version === undefined || row.outcome === 'pending') continue;
    (row.outcome === 'applied' || row.outcome === 'unchanged' ? live : refused).add(version);
  }
  for (const version of live) refused.delete(version);
  return refused;
}

/** The published version of every flow that has one (of the flows `ids` only, when given). */
export async function publishedFlows(db: Kysely<Database>, ids?: string[]): Promise<Array<{ id: string; version: number; document: string }>> {
  let query = db
    .selectFrom('flows')
    .innerJoin('flow_versions', (join) =>
      join.onRef('flow_versions.flow_id', '=', 'flows.id').onRef('flow_versions.version', '=', 'flows.published_version'),
    )
    .select(['flows.id as id', 'flow_versions.version as version', 'flow_versions.document as document'])
    .orderBy('flows.id');
  if (ids) query = query.where('flows.id', 'in', ids);
  return query.execute();
}
