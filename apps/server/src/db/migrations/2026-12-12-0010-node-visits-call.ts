import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
/**
 * The call history (apps/server/src/history) takes the ARI engine's node visits of a call by its
 * channel ids when the call's row is written: without this index each row would scan the visits.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('node_visits_call').on('node_visits').column('call_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('node_visits_call').execute();
}
