import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
/**
 * Assignments of queues and mailboxes that no longer exist. Until now a deleted queue or extension
 * left its operator_scopes rows behind, so a new queue or extension created later under the same
 * name was given at once to whoever had the old one. Deletes now take the rows with them
 * (resources.repository.ts); this removes the ones left from before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM operator_scopes WHERE NOT EXISTS (
    SELECT 1 FROM resources r WHERE r.id = operator_scopes.resource_id
      AND r.kind = CASE operator_scopes.kind WHEN 'queue' THEN 'queue' ELSE 'extension' END)`.execute(db);
}

export async function down(): Promise<void> {
  // Nothing to restore: the rows named nothing.
}
