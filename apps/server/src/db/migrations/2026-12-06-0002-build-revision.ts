import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
/**
 * A revision of what a publish build reads (resources, flows, flow versions), counted up by
 * triggers on every insert, update and delete of those tables, whoever writes them (another
 * process too). A prepared build read with revision n is current while the revision is still n;
 * other writes (publish records, node visits, bans) leave it alone.
 */
const TABLES = ['resources', 'flows', 'flow_versions'] as const;
const EVENTS = ['insert', 'update', 'delete'] as const;

function triggerName(table: string, event: string): string {
  return `build_revision_${table}_${event}`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('build_revision').addColumn('revision', 'integer', (c) => c.notNull()).execute();
  await db.insertInto('build_revision').values({ revision: 0 }).execute();
  for (const table of TABLES) {
    for (const event of EVENTS) {
      await sql`CREATE TRIGGER ${sql.id(triggerName(table, event))} AFTER ${sql.raw(event.toUpperCase())} ON ${sql.table(table)}
        BEGIN UPDATE build_revision SET revision = revision + 1; END`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    for (const event of EVENTS) await sql`DROP TRIGGER ${sql.id(triggerName(table, event))}`.execute(db);
  }
  await db.schema.dropTable('build_revision').execute();
}
