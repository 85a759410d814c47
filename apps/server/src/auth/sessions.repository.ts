import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { hashToken } from './tokens.repository.js';
import { isRole, type Role } from './roles.js';

/**
 * Sessions: 8 h after the last use (idle expiry), and never longer than 7 days after the login
 * (absolute). The expiry is pushed forward at most once a minute, so a burst of requests writes
 * once. Expired rows are deleted when found and at every login.
 */
export const SESSION_IDLE_MS = 8 * 3600_000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 3600_000;
const EXTEND_AFTER_MS = 60_000;

/** A session as the middleware sees it: its user and the user's current role (a role change applies at once). */
export interface SessionUser {
  idHash: string;
  csrfToken: string;
  expiresAt: string;
  user: { id: string; username: string; role: Role; mustChangePassword: boolean };
}

/** A new session for `userId`; the id (for the cookie) is returned once and stored only as its sha256. */
export async function createSession(db: Kysely<Database>, userId: string, address: string, now = Date.now()): Promise<{ id: string; csrfToken: string; expiresAt: string }> {
  await db.deleteFrom('sessions').where('expires_at', '<=', new Date(now).toISOString()).execute();
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now + SESSION_IDLE_MS).toISOString();
  await db
    .insertInto('sessions')
    .values({ id_hash: hashToken(id), user_id: userId, csrf_token: csrfToken, address, created_at: new Date(now).toISOString(), expires_at: expiresAt })
    .execute();
  return { id, csrfToken, expiresAt };
}

/** The live session with this id and its user, or undefined (unknown or expired: then deleted). */
export async function findSession(db: Kysely<Database>, id: string, now = Date.now()): Promise<SessionUser | undefined> {
  const idHash = hashToken(id);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.csrf_token', 'sessions.created_at', 'sessions.expires_at', 'users.id', 'users.username', 'users.role', 'users.must_change_password'])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row || !isRole(row.role)) return undefined;
  const expires = Date.parse(row.expires_at);
  if (expires <= now) {
    await deleteSession(db, idHash);
    return undefined;
  }
  let expiresAt = row.expires_at;
  const next = Math.min(now + SESSION_IDLE_MS, Date.parse(row.created_at) + SESSION_ABSOLUTE_MS);
  if (next - expires > EXTEND_AFTER_MS) {
    expiresAt = new Date(next).toISOString();
    await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
  }
  return {
    idHash,
    csrfToken: row.csrf_token,
    expiresAt,
    user: { id: row.id, username: row.username, role: row.role, mustChangePassword: row.must_change_password === 1 },
  };
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a user (but `keep`, the one that changed its own password). */
export async function deleteUserSessions(db: Kysely<Database>, userId: string, keep?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) query = query.where('id_hash', '!=', keep);
  await query.execute();
}
