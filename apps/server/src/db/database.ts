import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration, type MigrationProvider, type SqliteDatabase } from 'kysely';
import { migrations as allMigrations } from './migrations/index.js';
import type { Database } from './tables.js';

/** Hands Kysely the migrations it is given: no directory scanning. */
export class ObjectMigrationProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

/** Opens (creating if needed) `<dataDir>/stumpfworks.db`. */
export function openDatabase(dataDir: string): Kysely<Database> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'stumpfworks.db');
  const sqlite = new SQLite(file);
  chmodSync(file, 0o600); // it holds SIP secrets
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // GROUP BY and ORDER BY sort in memory, with a 64 MB page cache instead of SQLite's 2 MB: the
  // analytics group a month of call history (~80,000 rows) and spilled those sorts to temp files
  // (a month's figures: the two big sorts took 404 and 171 ms, in memory 232 and 104 ms).
  sqlite.pragma('temp_store = memory');
  sqlite.pragma('cache_size = -65536');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * better-sqlite3 with its prepared statements kept by SQL text: Kysely's SQLite driver prepares
 * every query anew, and the API runs the same few queries over and over. Safe because the driver
 * uses one connection under a mutex and runs a statement to its end before the next query.
 * At most `max` statements are kept (the oldest is dropped).
 */
export function withStatementCache(db: SQLite.Database, max = 256): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => db.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        if (statements.size >= max) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/** Runs pending migrations; throws with the failing migration's name. */
export async function migrateToLatest(
  db: Kysely<Database>,
  migrations: Record<string, Migration> = allMigrations,
): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new ObjectMigrationProvider(migrations) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message ?? String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Runs `fn` in a transaction: in `db` when it is one already, else in a new one. */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
