import type { Kysely } from 'kysely';
import { inTransaction } from '../db/database.js';
import type { Database, NewPublish, PublishRow } from '../db/tables.js';

/** Appends a publish record and its diff; `seq` counts publishes from 1. */
export async function recordPublish(db: Kysely<Database>, row: Omit<NewPublish, 'seq'>): Promise<number> {
  const { diff, ...record } = row;
  const append = async (trx: Kysely<Database>) => {
    const last = await trx.selectFrom('publishes').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const seq = (last?.seq ?? 0) + 1;
    await trx.insertInto('publishes').values({ ...record, seq }).execute();
    await trx.insertInto('publish_diffs').values({ publish_id: row.id, diff }).execute();
    return seq;
  };
  return inTransaction(db, append);
}

/** Sets the outcome of a publish recorded as `pending` while Asterisk reloaded (its diff stays as it is). */
export async function finishPublish(
  db: Kysely<Database>,
  id: string,
  end: Pick<NewPublish, 'outcome' | 'reason' | 'finished_at'>,
): Promise<void> {
  await db.updateTable('publishes').set(end).where('id', '=', id).execute();
}

/** The records with their diffs. */
function withDiffs(db: Kysely<Database>) {
  return db.selectFrom('publishes').innerJoin('publish_diffs', 'publish_diffs.publish_id', 'publishes.id').selectAll('publishes').select('publish_diffs.diff');
}

export async function listPublishes(db: Kysely<Database>, limit = 50): Promise<PublishRow[]> {
  return withDiffs(db).orderBy('publishes.seq', 'desc').limit(limit).execute();
}

export async function getPublish(db: Kysely<Database>, id: string): Promise<PublishRow | undefined> {
  return withDiffs(db).where('publishes.id', '=', id).executeTakeFirst();
}
