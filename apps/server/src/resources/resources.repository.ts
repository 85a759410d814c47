import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';

/** The kinds of PBX resource kept in the `resources` table. */
export type ResourceKind = 'extension' | 'trunk' | 'inbound-route' | 'outbound-route' | 'queue' | 'conference' | 'prompt' | 'settings';

export interface StoredResource<T> {
  id: string;
  body: T;
  createdAt: string;
  updatedAt: string;
}

function toStored<T>(row: { id: string; body: string; created_at: string; updated_at: string }): StoredResource<T> {
  return { id: row.id, body: JSON.parse(row.body) as T, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** All resources of a kind, ordered by id. */
export async function listResources<T>(db: Kysely<Database>, kind: ResourceKind): Promise<StoredResource<T>[]> {
  const rows = await db.selectFrom('resources').selectAll().where('kind', '=', kind).orderBy('id').execute();
  return rows.map((row) => toStored<T>(row));
}

/** Only the bodies of a kind, ordered by id: what list answers need (one column read, not five). */
export async function listBodies<T>(db: Kysely<Database>, kind: ResourceKind): Promise<T[]> {
  const rows = await db.selectFrom('resources').select('body').where('kind', '=', kind).orderBy('id').execute();
  return rows.map((row) => JSON.parse(row.body) as T);
}

export async function getResource<T>(db: Kysely<Database>, kind: ResourceKind, id: string): Promise<StoredResource<T> | undefined> {
  const row = await db.selectFrom('resources').selectAll().where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
  return row ? toStored<T>(row) : undefined;
}

/** Inserts; returns false when the id is taken. */
export async function insertResource<T>(db: Kysely<Database>, kind: ResourceKind, id: string, body: T): Promise<boolean> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('resources').select('id').where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
    if (existing) return false;
    await trx.insertInto('resources').values({ kind, id, body: JSON.stringify(body), created_at: now, updated_at: now }).execute();
    return true;
  });
}

/** Replaces the body; returns false when there is no such resource. */
export async function updateResource<T>(db: Kysely<Database>, kind: ResourceKind, id: string, body: T): Promise<boolean> {
  const result = await db
    .updateTable('resources')
    .set({ body: JSON.stringify(body), updated_at: new Date().toISOString() })
    .where('kind', '=', kind)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** What an operator can be given of a kind (auth/operator-scope.ts): a queue, or an extension's mailbox. */
const SCOPED: Partial<Record<ResourceKind, string>> = { queue: 'queue', extension: 'mailbox' };

/**
 * Deletes a resource and, in the same transaction, the operator assignments of it: a queue or
 * extension created later under the same name must not be given to whoever had the old one.
 */
export async function deleteResource(db: Kysely<Database>, kind: ResourceKind, id: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const result = await tx.deleteFrom('resources').where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
    const scoped = SCOPED[kind];
    if (scoped) await tx.deleteFrom('operator_scopes').where('kind', '=', scoped).where('resource_id', '=', id).execute();
    return Number(result.numDeletedRows) > 0;
  });
}
