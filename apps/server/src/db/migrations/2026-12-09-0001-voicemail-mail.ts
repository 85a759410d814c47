import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
/**
 * The voicemail mail outbox (apps/server/src/voicemail-mail): one row per new voicemail message
 * Asterisk handed over (mailcmd drop), kept until its mail was accepted and after that as the
 * history. The retry schedule lives here (attempts, next_attempt_at), so a restart neither loses
 * a mail nor sends it twice. A message is known by its box and Asterisk's msg_id (its number in
 * the folder changes when older messages are deleted).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('voicemail_mails')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('context', 'varchar(80)', (c) => c.notNull())
    .addColumn('mailbox', 'varchar(80)', (c) => c.notNull())
    .addColumn('msg_id', 'varchar(80)', (c) => c.notNull())
    .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'varchar(32)')
    .addColumn('last_attempt_at', 'varchar(32)')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('voicemail_mails_message').on('voicemail_mails').columns(['context', 'mailbox', 'msg_id']).unique().execute();
  await db.schema.createIndex('voicemail_mails_due').on('voicemail_mails').columns(['state', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('voicemail_mails').execute();
}
