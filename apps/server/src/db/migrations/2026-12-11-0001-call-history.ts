import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
/**
 * Call history (apps/server/src/history): one row per call, keyed by Asterisk's LINKEDID, built from
 * the CEL journal Asterisk writes itself. Times are epoch milliseconds (integers: a million rows
 * sort, filter and bucket faster than ISO strings). Indexes serve the history page's filters with
 * keyset order (started_at, linkedid) and the analytics' time ranges.
 *
 * `call_events` holds the CEL events of calls that have not ended yet (no LINKEDID_END), so a
 * server restart in the middle of a call loses nothing; they are deleted when the call's row is written.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('call_history')
    .addColumn('linkedid', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('started_at', 'integer', (c) => c.notNull())
    .addColumn('answered_at', 'integer')
    .addColumn('ended_at', 'integer', (c) => c.notNull())
    .addColumn('direction', 'varchar(16)', (c) => c.notNull())
    .addColumn('caller', 'varchar(80)', (c) => c.notNull())
    .addColumn('caller_name', 'varchar(80)', (c) => c.notNull())
    .addColumn('called', 'varchar(80)', (c) => c.notNull())
    .addColumn('trunk_id', 'varchar(64)')
    .addColumn('flow_id', 'varchar(64)')
    .addColumn('flow_version', 'integer')
    .addColumn('path', 'text')
    .addColumn('answered_by', 'varchar(80)')
    .addColumn('queue_id', 'varchar(64)')
    .addColumn('wait_ms', 'integer')
    .addColumn('talk_ms', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('voicemail_box', 'varchar(64)')
    .addColumn('transferred_to', 'varchar(80)')
    .addColumn('channel_ids', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('call_history_started').on('call_history').columns(['started_at', 'linkedid']).execute();
  await db.schema.createIndex('call_history_caller').on('call_history').columns(['caller', 'started_at']).execute();
  await db.schema.createIndex('call_history_called').on('call_history').columns(['called', 'started_at']).execute();
  await db.schema.createIndex('call_history_answered_by').on('call_history').columns(['answered_by', 'started_at']).execute();
  await db.schema.createIndex('call_history_flow').on('call_history').columns(['flow_id', 'started_at']).execute();
  await db.schema.createIndex('call_history_outcome').on('call_history').columns(['outcome', 'started_at']).execute();

  await db.schema
    .createTable('call_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('linkedid', 'varchar(64)', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('call_events_linkedid').on('call_events').column('linkedid').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('call_events').execute();
  await db.schema.dropTable('call_history').execute();
}
