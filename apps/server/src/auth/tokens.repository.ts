import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { isRole, type Role } from './roles.js';

/** sha256 hex of a token: the only form a token is stored in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new random token, 256 bits, url-safe. */
export function newToken(): string {
  return `swf_${randomBytes(32).toString('base64url')}`;
}

/** A token as the API lists it: never the token itself. */
export interface TokenView {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
}

/** Stores the hash of `token` under `name` with `role` (the admin token: admin, made by nobody). */
export async function insertToken(
  db: Kysely<Database>,
  name: string,
  token: string,
  options: { role?: Role; createdBy?: string } = {},
): Promise<TokenView> {
  const row = {
    id: randomUUID(),
    name,
    token_hash: hashToken(token),
    created_at: new Date().toISOString(),
    role: options.role ?? 'admin',
    created_by: options.createdBy ?? null,
    last_used_at: null,
  };
  await db.insertInto('tokens').values(row).execute();
  return { id: row.id, name, role: row.role, createdAt: row.created_at, createdBy: row.created_by, lastUsedAt: null };
}

/** The token's id, name and role, or undefined when no stored token matches. */
export async function findToken(db: Kysely<Database>, token: string): Promise<{ id: string; name: string; role: Role } | undefined> {
  const row = await db.selectFrom('tokens').select(['id', 'name', 'role']).where('token_hash', '=', hashToken(token)).executeTakeFirst();
  return row && isRole(row.role) ? { id: row.id, name: row.name, role: row.role } : undefined;
}

/** Notes a use; the verifier's cache (10 s) and this minute's rounding keep it to a write a minute at most. */
export async function touchToken(db: Kysely<Database>, id: string, now = new Date()): Promise<void> {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString();
  await db.updateTable('tokens').set({ last_used_at: minute }).where('id', '=', id).where((e) => e.or([e('last_used_at', 'is', null), e('last_used_at', '<', minute)])).execute();
}

export async function listTokens(db: Kysely<Database>): Promise<TokenView[]> {
  const rows = await db.selectFrom('tokens').select(['id', 'name', 'role', 'created_at', 'created_by', 'last_used_at']).orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, role: isRole(r.role) ? r.role : 'operator', createdAt: r.created_at, createdBy: r.created_by, lastUsedAt: r.last_used_at }));
}

/** Deletes the token; its hash (for the verifier's cache) or undefined when there was none. */
export async function revokeToken(db: Kysely<Database>, id: string): Promise<string | undefined> {
  const row = await db.deleteFrom('tokens').where('id', '=', id).returning('token_hash').executeTakeFirst();
  return row?.token_hash;
}

export async function countTokens(db: Kysely<Database>): Promise<number> {
  const rows = await db.selectFrom('tokens').select('id').execute();
  return rows.length;
}
