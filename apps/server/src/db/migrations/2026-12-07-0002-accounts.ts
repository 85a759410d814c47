import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
/**
 * People and their sessions, and roles for API tokens (issue #17, points 1 and 2).
 * - `users`: a password hash in the form `scrypt$N$r$p$salt$hash` (auth/password.ts), a role, and
 *   `must_change_password` for a password someone else chose (the first admin's one-time password,
 *   an admin's reset).
 * - `sessions`: only the sha256 of the session id is stored (like tokens), with the CSRF token the
 *   browser sends on writes; deleted with its user.
 * - `tokens` get a role (every existing token, the admin token among them, stays `admin`), who
 *   made it and when it was last used.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(200)', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('address', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema.alterTable('tokens').addColumn('role', 'varchar(16)', (c) => c.notNull().defaultTo('admin')).execute();
  await db.schema.alterTable('tokens').addColumn('created_by', 'varchar(100)').execute();
  await db.schema.alterTable('tokens').addColumn('last_used_at', 'varchar(32)').execute();
  await sql`CREATE UNIQUE INDEX tokens_hash ON tokens (token_hash)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX tokens_hash`.execute(db);
  await db.schema.alterTable('tokens').dropColumn('last_used_at').execute();
  await db.schema.alterTable('tokens').dropColumn('created_by').execute();
  await db.schema.alterTable('tokens').dropColumn('role').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('users').execute();
}
