import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
/** Node visits of live calls (both engines), for the canvas's live traffic; pruned by the server. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('node_visits')
    .addColumn('flow_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('flow_version', 'integer', (c) => c.notNull())
    .addColumn('node_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('call_id', 'varchar(160)', (c) => c.notNull())
    .addColumn('time', 'varchar(32)', (c) => c.notNull())
    .addColumn('digits', 'varchar(64)')
    .addColumn('engine', 'varchar(16)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('node_visits_flow_time').on('node_visits').columns(['flow_id', 'time']).execute();
  await db.schema.createIndex('node_visits_time').on('node_visits').column('time').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('node_visits').execute();
}
