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

/** The boxes whose latest attempt failed, with that attempt's error (what the alerts show); a mail discarded on the outbox page no longer counts. */
export async function failingBoxes(db: Kysely<Database>): Promise<{ mailbox: string; error: string }[]> {
  // SQLite returns the other columns of the row that has the max() (its "bare column" rule).
  const { rows } = await sql<{ mailbox: string; last_error: string | null }>`
    select mailbox, last_error, max(last_attempt_at) as latest from voicemail_mails
    where last_attempt_at is not null and state != 'discarded' group by context, mailbox order by mailbox`.execute(db);
  return rows.filter((r) => r.last_error !== null).map((r) => ({ mailbox: r.mailbox, error: r.last_error! }));
}

/** How many ended mails (sent, given up, skipped, discarded) the outbox page shows. */
export const RECENT_ENDED = 50;

/** The outbox as the page shows it: every pending mail, and the latest ended ones, newest first. */
export async function outboxMails(db: Kysely<Database>): Promise<VoicemailMailRow[]> {
  const pending = await db.selectFrom('voicemail_mails').selectAll().where('state', '=', 'pending').orderBy('received_at', 'desc').orderBy('id').execute();
  const ended = await db
    .selectFrom('voicemail_mails')
    .selectAll()
    .where('state', '!=', 'pending')
    .orderBy((eb) => eb.fn.coalesce('sent_at', 'last_attempt_at', 'received_at'), 'desc')
    .orderBy('id')
    .limit(RECENT_ENDED)
    .execute();
  return [...pending, ...ended];
}

export async function outboxMail(db: Kysely<Database>, id: string): Promise<VoicemailMailRow | undefined> {
  return db.selectFrom('voicemail_mails').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * "Retry now": the mail is due at once. One given up gets a fresh round of retries (its attempts
 * start from 0 again: a person saw the error and fixed the relay, say).
 */
export async function retryMailNow(db: Kysely<Database>, row: VoicemailMailRow, now: Date): Promise<void> {
  await db
    .updateTable('voicemail_mails')
    .set({ state: 'pending', next_attempt_at: now.toISOString(), ...(row.state === 'failed' ? { attempts: 0 } : {}) })
    .where('id', '=', row.id)
    .where('state', '=', row.state)
    .execute();
}

/** "Discard": the mail is not sent (the voicemail stays in the box); kept in the history as `discarded`. */
export async function discardMail(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('voicemail_mails').set({ state: 'discarded', next_attempt_at: null }).where('id', '=', id).where('state', 'in', ['pending', 'failed']).execute();
}

/** Drops the history of mails that ended (sent, given up, skipped) before `before`. */
export async function pruneMails(db: Kysely<Database>, before: Date): Promise<void> {
  await db.deleteFrom('voicemail_mails').where('state', '!=', 'pending').where('received_at', '<', before.toISOString()).execute();
}
