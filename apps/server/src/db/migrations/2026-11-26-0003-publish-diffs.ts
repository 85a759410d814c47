import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
/**
 * The publishes' diffs move to their own table: a publish's record is written as `pending` and its
 * outcome set afterwards, and that update rewrote the whole row, diff and all (some hundred KB for
 * a new configuration).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('publish_diffs')
    .addColumn('publish_id', 'varchar(64)', (c) => c.primaryKey().references('publishes.id'))
    .addColumn('diff', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('publish_diffs')
    .columns(['publish_id', 'diff'])
    .expression(db.selectFrom('publishes').select(['id', 'diff']))
    .execute();
  await db.schema.alterTable('publishes').dropColumn('diff').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('publishes').addColumn('diff', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  const rows = await db.selectFrom('publish_diffs').select(['publish_id', 'diff']).execute();
  for (const row of rows) await db.updateTable('publishes').set({ diff: row.diff }).where('id', '=', row.publish_id).execute();
  await db.schema.dropTable('publish_diffs').execute();
}
