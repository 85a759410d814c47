import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';

/** sha256 hex of a token: the only form a token is stored in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new random token, 256 bits, url-safe. */
export function newToken(): string {
  return `swf_${randomBytes(32).toString('base64url')}`;
}

/** Stores the hash of `token` under `name`. */
export async function insertToken(db: Kysely<Database>, name: string, token: string): Promise<void> {
  await db
    .insertInto('tokens')
    .values({ id: randomUUID(), name, token_hash: hashToken(token), created_at: new Date().toISOString() })
    .execute();
}

/** The token's name (who), or undefined when no stored token matches. */
export async function findTokenOwner(db: Kysely<Database>, token: string): Promise<string | undefined> {
  const row = await db.selectFrom('tokens').select('name').where('token_hash', '=', hashToken(token)).executeTakeFirst();
  return row?.name;
}

export async function countTokens(db: Kysely<Database>): Promise<number> {
  const rows = await db.selectFrom('tokens').select('id').execute();
  return rows.length;
}
