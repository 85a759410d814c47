import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
/**
 * The index of call recordings (apps/server/src/recordings): one row per file in Asterisk's
 * monitor/ spool, written when the call's CDR arrives over AMI. `file` is the name in monitor/
 * (unique: one row per file); times are ISO 8601 UTC. Indexes for the list's filters and order.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('recordings')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('call_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('caller', 'varchar(80)', (c) => c.notNull())
    .addColumn('callee', 'varchar(80)', (c) => c.notNull())
    .addColumn('direction', 'varchar(16)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('file', 'varchar(200)', (c) => c.notNull().unique())
    .execute();
  await db.schema.createIndex('recordings_started_at').on('recordings').column('started_at').execute();
  await db.schema.createIndex('recordings_caller').on('recordings').column('caller').execute();
  await db.schema.createIndex('recordings_callee').on('recordings').column('callee').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('recordings').execute();
}
