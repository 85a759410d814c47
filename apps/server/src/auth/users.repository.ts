import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, UserTable } from '../db/tables.js';
import { hashPassword } from './password.js';
import { isRole, type Role } from './roles.js';

export type UserRow = Selectable<UserTable>;

/** A user as the API shows it: never the hash. */
export interface UserView {
  id: string;
  username: string;
  role: Role;
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}

export function userView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    role: isRole(row.role) ? row.role : 'operator',
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listUsers(db: Kysely<Database>): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('username').execute();
}

export async function getUser(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByName(db: Kysely<Database>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('users').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countAdmins(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('users').select((e) => e.fn.countAll<number>().as('n')).where('role', '=', 'admin').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts the user, or returns undefined when the name is taken. */
export async function insertUser(
  db: Kysely<Database>,
  user: { username: string; role: Role; password: string; mustChangePassword: boolean },
): Promise<UserRow | undefined> {
  const now = new Date().toISOString();
  const row = {
    id: randomUUID(),
    username: user.username.toLowerCase(),
    role: user.role,
    password_hash: await hashPassword(user.password),
    must_change_password: user.mustChangePassword ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  const inserted = await db.insertInto('users').values(row).onConflict((oc) => oc.column('username').doNothing()).executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? row : undefined;
}

/** Sets a new password; `oneTime` when someone else chose it (the user must change it at the next login). */
export async function setPassword(db: Kysely<Database>, id: string, password: string, oneTime: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password), must_change_password: oneTime ? 1 : 0, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function setRole(db: Kysely<Database>, id: string, role: Role): Promise<void> {
  await db.updateTable('users').set({ role, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
}

export async function deleteUser(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
