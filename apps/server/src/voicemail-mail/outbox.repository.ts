import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, VoicemailMailTable } from '../db/tables.js';
import type { Drop } from './message-files.js';

export type VoicemailMailRow = Selectable<VoicemailMailTable>;

/** Stores a dropped message as a pending mail; a drop seen twice (the server stopped between storing and removing it) is stored once. */
export async function insertDrop(db: Kysely<Database>, drop: Drop, at: Date): Promise<void> {
  await db
    .insertInto('voicemail_mails')
    .values({
      id: randomUUID(),
      context: drop.context,
      mailbox: drop.mailbox,
      msg_id: drop.msgId,
      received_at: at.toISOString(),
      state: 'pending',
      next_attempt_at: at.toISOString(),
      last_attempt_at: null,
      last_error: null,
      sent_at: null,
    })
    .onConflict((oc) => oc.columns(['context', 'mailbox', 'msg_id']).doNothing())
    .execute();
}

/** Pending mails whose time has come, oldest first. */
export async function dueMails(db: Kysely<Database>, now: Date, limit: number): Promise<VoicemailMailRow[]> {
  return db
    .selectFrom('voicemail_mails')
    .selectAll()
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('received_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function markSent(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  const time = at.toISOString();
  await db
    .updateTable('voicemail_mails')
    .set((eb) => ({ state: 'sent', sent_at: time, last_attempt_at: time, last_error: null, next_attempt_at: null, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** A failed attempt: tried again at `next`, or given up (`failed`) without one. */
export async function markFailed(db: Kysely<Database>, id: string, at: Date, error: string, next: Date | undefined): Promise<void> {
  await db
    .updateTable('voicemail_mails')
    .set((eb) => ({
      state: next ? 'pending' : 'failed',
      last_attempt_at: at.toISOString(),
      last_error: error,
      next_attempt_at: next ? next.toISOString() : null,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}

/** Nothing to send (the message or the address is gone): no attempt, no alert. */
export async function markSkipped(db: Kysely<Database>, id: string, reason: string): Promise<void> {
  await db.updateTable('voicemail_mails').set({ state: 'skipped', last_error: reason, next_attempt_at: null }).where('id', '=', id).execute();
}

/** The boxes whose latest attempt failed, with that attempt's error (what the alerts show). */
export async function failingBoxes(db: Kysely<Database>): Promise<{ mailbox: string; error: string }[]> {
  // SQLite returns the other columns of the row that has the max() (its "bare column" rule).
  const { rows } = await sql<{ mailbox: string; last_error: string | null }>`
    select mailbox, last_error, max(last_attempt_at) as latest from voicemail_mails
    where last_attempt_at is not null group by context, mailbox order by mailbox`.execute(db);
  return rows.filter((r) => r.last_error !== null).map((r) => ({ mailbox: r.mailbox, error: r.last_error! }));
}

/** Drops the history of mails that ended (sent, given up, skipped) before `before`. */
export async function pruneMails(db: Kysely<Database>, before: Date): Promise<void> {
  await db.deleteFrom('voicemail_mails').where('state', '!=', 'pending').where('received_at', '<', before.toISOString()).execute();
}
