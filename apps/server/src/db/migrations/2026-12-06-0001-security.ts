import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
/**
 * The SIP brute-force guard's memory, so that a restart loses no ban and no count: the bans (kept
 * after they end, to make an address's next ban longer) and the failures of each address inside
 * the counting window.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('security_bans')
    .addColumn('address', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('since', 'varchar(32)', (c) => c.notNull())
    .addColumn('until', 'varchar(32)', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('repeat', 'integer', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('accounts', 'text', (c) => c.notNull())
    .addColumn('registered', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('security_failures')
    .addColumn('address', 'varchar(64)', (c) => c.notNull())
    .addColumn('time', 'varchar(32)', (c) => c.notNull())
    .addColumn('event', 'varchar(64)', (c) => c.notNull())
    .addColumn('account', 'varchar(80)')
    .execute();
  await db.schema.createIndex('security_failures_address').on('security_failures').column('address').execute();
  await db.schema.createIndex('security_failures_time').on('security_failures').column('time').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('security_failures').execute();
  await db.schema.dropTable('security_bans').execute();
}
