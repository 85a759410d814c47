import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../db/database.js';
import type { Database } from '../db/tables.js';
import { createSession, findSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './sessions.repository.js';
import { deleteUser, insertUser } from './users.repository.js';

describe('session expiry (real SQLite, a clock of the test\'s own)', () => {
  let dir: string;
  let db: Kysely<Database>;
  let userId: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swf-sessions-'));
    db = openDatabase(dir);
    await migrateToLatest(db);
    userId = (await insertUser(db, { username: 'anna', role: 'editor', password: 'anna-password-1', mustChangePassword: false }))!.id;
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends a session 8 h after its last use, and is kept alive by use', async () => {
    const t0 = Date.parse('2026-12-07T08:00:00Z');
    const { id } = await createSession(db, userId, '127.0.0.1', t0);
    expect((await findSession(db, id, t0 + SESSION_IDLE_MS - 1000))?.user).toMatchObject({ username: 'anna', role: 'editor' });
    // That use pushed the end 8 h on from then.
    expect(await findSession(db, id, t0 + 2 * SESSION_IDLE_MS - 2000)).toBeDefined();
    expect(await findSession(db, id, t0 + 3 * SESSION_IDLE_MS)).toBeUndefined();
    // Gone from the table too, not only refused.
    expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('ends a session 7 days after the login however often it is used', async () => {
    const t0 = Date.parse('2026-12-07T08:00:00Z');
    const { id } = await createSession(db, userId, '127.0.0.1', t0);
    let now = t0;
    while (now + SESSION_IDLE_MS / 2 < t0 + SESSION_ABSOLUTE_MS) {
      now += SESSION_IDLE_MS / 2;
      expect(await findSession(db, id, now), new Date(now).toISOString()).toBeDefined();
    }
    expect(await findSession(db, id, t0 + SESSION_ABSOLUTE_MS + 1000)).toBeUndefined();
  });

  it('ends with its user', async () => {
    const { id } = await createSession(db, userId, '127.0.0.1');
    await deleteUser(db, userId);
    expect(await findSession(db, id)).toBeUndefined();
  });
});
