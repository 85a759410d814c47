import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
/**
 * The audit log (issue #17, point 4): one row per recorded event, hash-chained (audit/chain.ts).
 * Append-only: triggers refuse every UPDATE, and every DELETE except the retention prune's, which
 * first writes a permit (`audit_prune_permit.upto`, the highest seq it may delete) in the same
 * transaction and removes it afterwards (audit/audit-log.ts). The triggers guard against the
 * server's own mistakes; someone who can write the file can drop them, which the chain shows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('actor_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('actor_role', 'varchar(16)')
    .addColumn('actor_user_id', 'varchar(36)')
    .addColumn('actor_via', 'varchar(100)')
    .addColumn('address', 'varchar(64)')
    .addColumn('action', 'varchar(200)', (c) => c.notNull())
    .addColumn('resource_type', 'varchar(64)')
    .addColumn('resource_id', 'varchar(200)')
    .addColumn('outcome', 'integer')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createTable('audit_prune_permit').addColumn('upto', 'integer', (c) => c.notNull()).execute();
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    WHEN OLD.seq > (SELECT coalesce(max(upto), 0) FROM audit_prune_permit)
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only (only the retention prune deletes)'); END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER audit_log_no_delete`.execute(db);
  await sql`DROP TRIGGER audit_log_no_update`.execute(db);
  await db.schema.dropTable('audit_prune_permit').execute();
  await db.schema.dropTable('audit_log').execute();
}
