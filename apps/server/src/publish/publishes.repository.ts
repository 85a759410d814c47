import type { Kysely } from 'kysely';
import type { Database, NewPublish, PublishRow } from '../db/tables.js';

/** Appends a publish record; `seq` counts publishes from 1. */
export async function recordPublish(db: Kysely<Database>, row: Omit<NewPublish, 'seq'>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom('publishes').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const seq = (last?.seq ?? 0) + 1;
    await trx.insertInto('publishes').values({ ...row, seq }).execute();
    return seq;
  });
}

/** Sets the outcome of a publish recorded as `pending` while Asterisk reloaded. */
export async function finishPublish(
  db: Kysely<Database>,
  id: string,
  end: Pick<NewPublish, 'outcome' | 'reason' | 'finished_at'>,
): Promise<void> {
  await db.updateTable('publishes').set(end).where('id', '=', id).execute();
}

export async function listPublishes(db: Kysely<Database>, limit = 50): Promise<PublishRow[]> {
  return db.selectFrom('publishes').selectAll().orderBy('seq', 'desc').limit(limit).execute();
}

export async function getPublish(db: Kysely<Database>, id: string): Promise<PublishRow | undefined> {
  return db.selectFrom('publishes').selectAll().where('id', '=', id).executeTakeFirst();
}
