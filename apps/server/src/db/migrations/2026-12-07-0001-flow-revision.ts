import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
/**
 * A revision per flow, counted up by a trigger on every write that changes its draft (a save, an
 * import, a rollback that makes an old version the draft), whoever writes it. A write of the same
 * text (publishing the draft as it is) keeps the revision, and a write that sets the revision
 * itself (a refused publish putting the draft and its revision back) is not counted again. The
 * editor sends the revision it last read with a save (If-Match), and the server refuses the save
 * with 409 when the draft has changed since.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('flows').addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  // Recursive triggers are off in SQLite, so the trigger's own update does not fire it again.
  await sql`CREATE TRIGGER flows_revision AFTER UPDATE OF draft ON flows
    WHEN OLD.draft IS NOT NEW.draft AND OLD.revision = NEW.revision
    BEGIN UPDATE flows SET revision = OLD.revision + 1 WHERE id = NEW.id; END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER flows_revision`.execute(db);
  await db.schema.alterTable('flows').dropColumn('revision').execute();
}
