import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { migrateToLatest, openDatabase } from '../db/database.js';
import type { Database } from '../db/tables.js';
import { insertGeneratedCalls } from './generate-calls.js';

/**
 * For the docs' size figure (bench/history-page.bench.ts): what `count` generated calls add to a
 * fresh database with the schema, rows and indexes, after VACUUM (a temp DATA_DIR, removed after).
 */
export async function generatedHistoryBytes(count: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'swf-history-size-'));
  const db = openDatabase(dir);
  try {
    await migrateToLatest(db);
    const empty = await vacuumedSize(db, dir);
    await insertGeneratedCalls(db, { count });
    const stored = await db.selectFrom('call_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(stored.n) !== count) throw new Error(`the database holds ${stored.n} calls, not ${count}`);
    return (await vacuumedSize(db, dir)) - empty;
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function vacuumedSize(db: Kysely<Database>, dir: string): Promise<number> {
  await sql`vacuum`.execute(db);
  // WAL mode: what VACUUM wrote is in the file only after a checkpoint.
  await sql`pragma wal_checkpoint(truncate)`.execute(db);
  return statSync(join(dir, 'stumpfworks.db')).size;
}
