import { type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
/**
 * What an operator is given (issue #17, point 1: "queues and voicemail they are given"): one row
 * per user and queue or mailbox (an extension's voicemail box, by the extension's id). Deleted with
 * its user. A queue or extension deleted later leaves its row behind; the reads intersect with what
 * exists (auth/operator-scope.ts), so a row never grants more than the resource of that name.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('operator_scopes')
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('resource_id', 'varchar(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('operator_scopes_pk', ['user_id', 'kind', 'resource_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('operator_scopes').execute();
}
