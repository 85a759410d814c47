import { chmodSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { countTokens, insertToken, newToken } from './tokens.repository.js';

/**
 * On first start (no token stored yet) creates the admin token and writes it to
 * `<dataDir>/admin-token` with mode 0600. Returns the file path when it created one.
 */
export async function ensureAdminToken(db: Kysely<Database>, dataDir: string): Promise<string | undefined> {
  if ((await countTokens(db)) > 0) return undefined;
  const token = newToken();
  const file = resolve(join(dataDir, 'admin-token'));
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // the umask must not widen it, and an old file keeps its mode otherwise
  await insertToken(db, 'admin', token);
  return file;
}
