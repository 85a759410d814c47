import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
/**
 * Where the server is in Asterisk's CDR journal (apps/server/src/recordings/cdr-journal.ts): one
 * row per journal (`name`), with the file's inode (null: the journal did not exist yet, so one that
 * appears is read from its start) and the byte offset after the last record handled.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cdr_journal')
    .addColumn('name', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('inode', 'integer')
    .addColumn('offset', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cdr_journal').execute();
}
