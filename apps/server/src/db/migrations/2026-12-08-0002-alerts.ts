import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
/**
 * Alerts (apps/server/src/alerts): one row per time a condition was open, kept after it resolves
 * as the history; at most one open row per key (a partial unique index). And the alert settings
 * (SMTP and thresholds) in a table of their own rather than a settings resource: they are not
 * part of what a publish builds, so changing them must not count as a change to publish.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('key', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('subject', 'varchar(160)', (c) => c.notNull())
    .addColumn('text_de', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('resolved_at', 'varchar(32)')
    .addColumn('mailed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('alerts_open_key').on('alerts').column('key').unique().where(sql.ref('resolved_at'), 'is', null).execute();
  await db.schema.createIndex('alerts_opened_at').on('alerts').column('opened_at').execute();
  await db.schema
    .createTable('alert_settings')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alert_settings').execute();
  await db.schema.dropTable('alerts').execute();
}
