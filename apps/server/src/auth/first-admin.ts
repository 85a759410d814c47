import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { generatePassword } from './password.js';
import { countUsers, insertUser } from './users.repository.js';

/**
 * On a start that finds no user: creates `admin` (role admin) with `password` (from
 * SWF_ADMIN_PASSWORD: the admin chose it, so it is not one-time), or else with a generated
 * one-time password that the caller prints once and the admin must change at the first login.
 * Returns what it created; undefined when there were users already (the variable is then ignored).
 */
export async function ensureFirstAdmin(db: Kysely<Database>, password?: string): Promise<{ username: string; oneTimePassword?: string } | undefined> {
  if ((await countUsers(db)) > 0) return undefined;
  const oneTime = password === undefined ? generatePassword() : undefined;
  const created = await insertUser(db, { username: 'admin', role: 'admin', password: password ?? oneTime!, mustChangePassword: oneTime !== undefined });
  if (!created) return undefined; // another start created it in the meantime
  return { username: created.username, ...(oneTime ? { oneTimePassword: oneTime } : {}) };
}
