import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn } from '../auth/session-client.js';
import { openDatabase } from '../db/database.js';
import { must, startTestServer, type TestServer } from '../testing.js';
import { AuditLog } from './audit-log.js';

const ADMIN_PASSWORD = 'audit-admin-pass-1';

interface Entry {
  seq: number;
  actor: { kind: string; name: string; role: string | null; via: string | null };
  address: string | null;
  action: string;
  resource: { type: string | null; id: string | null };
  outcome: number | null;
  before: unknown;
  after: unknown;
}

describe('the audit log through the API (real server, real SQLite)', () => {
  let t: TestServer;
  const entries = async (query = '') => (await t.ok<{ total: number; entries: Entry[] }>(`/audit?limit=500${query}`)).entries;
  const newest = async (query = '') => (await entries(query))[0]!;

  beforeAll(async () => {
    t = await startTestServer({ SWF_ADMIN_PASSWORD: ADMIN_PASSWORD, AUTH_FAILURE_LIMIT: '5', AUTH_FAILURE_WINDOW_SECONDS: '600', TRUSTED_PROXIES: '127.0.0.1' });
  });
  afterAll(() => t?.stop());

  it('records a change with its resource before and after, secrets masked, and who made it', async () => {
    const created = await t.ok<{ secret: string }>('/extensions', { method: 'POST', json: { id: '100', name: 'Anna', secret: 'Str0ng-Secret-abcX!', voicemail: { enabled: true, pin: '4711' } } }, 201);
    const create = await newest();
    expect(create).toMatchObject({ actor: { kind: 'token', name: 'admin', role: 'admin', via: 'bearer' }, address: '127.0.0.1', action: 'POST /extensions', resource: { type: 'extensions', id: '100' }, outcome: 201, before: null });
    expect(create.after).toMatchObject({ id: '100', name: 'Anna', voicemail: { pin: '***' } });
    expect(JSON.stringify(create)).not.toContain('Str0ng-Secret-abcX!');
    expect(JSON.stringify(create)).not.toContain('4711');
    expect(created).toBeDefined();

    await t.ok('/extensions/100', { method: 'PUT', json: { id: '100', name: 'Anna Berger', secret: 'Other-Str0ng-Secret-1!' } });
    const update = await newest();
    expect(update).toMatchObject({ action: 'PUT /extensions/{id}', resource: { type: 'extensions', id: '100' }, outcome: 200, before: { name: 'Anna' }, after: { name: 'Anna Berger' } });
    expect(JSON.stringify(update)).not.toContain('Other-Str0ng-Secret-1!');

    await t.ok('/extensions/100', { method: 'DELETE' }, 204);
    expect(await newest()).toMatchObject({ action: 'DELETE /extensions/{id}', outcome: 204, before: { name: 'Anna Berger' }, after: null });
    // A token is shown once, in the answer: the log keeps its name, never its value.
    const { token } = await t.ok<{ token: string }>('/tokens', { method: 'POST', json: { name: 'nas-script', role: 'operator' } }, 201);
    expect(token.length).toBeGreaterThan(20);
    const tokenRow = await newest();
    expect(tokenRow).toMatchObject({ action: 'POST /tokens', outcome: 201, after: { name: 'nas-script', token: '***' } });
    expect(JSON.stringify(tokenRow)).not.toContain(token);
    // Reads are not recorded.
    await t.ok('/extensions');
    expect((await newest()).action).toBe('POST /tokens');
  });

  it('records logins, their failures, password changes and resets, logouts, and an operator\'s refused requests', async () => {
    const wrong = await fetch(`${t.server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'not-it' }) });
    expect(wrong.status).toBe(401);
    expect(await newest()).toMatchObject({ actor: { kind: 'user', name: 'admin', role: null }, action: 'POST /auth/login', resource: { type: 'auth' }, outcome: 401 });

    const admin = await logIn(t, 'admin', ADMIN_PASSWORD);
    const login = await newest();
    expect(login).toMatchObject({ actor: { kind: 'user', name: 'admin', role: 'admin', via: 'password' }, action: 'POST /auth/login', outcome: 200, after: { csrfToken: '***' } });
    const user = await must<{ id: string }>(admin.api('/users', { method: 'POST', json: { username: 'empfang', role: 'operator', password: 'one-time-pass-1' } }), 'create the operator', 201);
    const created = await newest();
    expect(created).toMatchObject({ actor: { name: 'admin', via: expect.stringMatching(/^session:[0-9a-f]{12}$/) }, action: 'POST /users', resource: { type: 'users', id: user.id }, outcome: 201, after: { username: 'empfang', role: 'operator' } });

    const operator = await logIn(t, 'empfang', 'one-time-pass-1');
    expect((await operator.api('/auth/password', { method: 'PUT', json: { currentPassword: 'one-time-pass-1', newPassword: 'empfang-own-pass-1' } })).status).toBe(204);
    expect(await newest()).toMatchObject({ actor: { name: 'empfang', role: 'operator' }, action: 'PUT /auth/password', outcome: 204 });
    expect((await operator.api('/flows')).status).toBe(403);
    expect(await newest()).toMatchObject({ actor: { name: 'empfang', role: 'operator' }, action: 'GET /flows', resource: { type: 'flows' }, outcome: 403 });
    expect((await operator.api('/extensions', { method: 'POST', json: { id: '200', name: 'x' } })).status).toBe(403);
    expect(await newest()).toMatchObject({ actor: { name: 'empfang' }, action: 'POST /extensions', outcome: 403, before: null, after: null });
    expect((await operator.api('/auth/session', { method: 'DELETE' })).status).toBe(204);
    expect(await newest()).toMatchObject({ actor: { name: 'empfang' }, action: 'DELETE /auth/session', outcome: 204 });

    // The admin resets the operator's password: the user before and after (from the users list).
    await must(admin.api(`/users/${user.id}`, { method: 'PUT', json: { password: 'reset-pass-12' } }), 'reset');
    expect(await newest()).toMatchObject({ action: 'PUT /users/{id}', resource: { type: 'users', id: user.id }, before: { username: 'empfang', mustChangePassword: false }, after: { mustChangePassword: true } });
    expect(JSON.stringify(await entries())).not.toContain('reset-pass-12');
    expect(JSON.stringify(await entries())).not.toContain('empfang-own-pass-1');
    // Only an admin reads the log.
    const again = await logIn(t, 'empfang', 'reset-pass-12');
    expect((await again.api('/audit')).status).toBe(403);
    expect((await entries(`&actor=empfang&action=${encodeURIComponent('GET /flows')}`)).length).toBe(1);
  });

  it('bounds a stranger: failures are recorded up to the limit, then one auth.limited row and nothing while refused', async () => {
    const before = (await t.ok<{ total: number }>('/audit?limit=1')).total;
    const headers = { authorization: 'Bearer guess', 'x-forwarded-for': '192.0.2.1' };
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await fetch(`${t.server.url}/api/v1/extensions`, { headers })).status);
    // 127.0.0.1 is a trusted proxy here, so the stranger is 192.0.2.1 (limit 5).
    expect(statuses.filter((s) => s === 401).length).toBe(5);
    expect(statuses.filter((s) => s === 429).length).toBe(35);
    const rows = (await entries()).slice(0, (await t.ok<{ total: number }>('/audit?limit=1')).total - before);
    expect(rows.map((r) => r.action)).toEqual(['auth.limited', ...Array(5).fill('GET /extensions')]);
    expect(rows[0]).toMatchObject({ actor: { kind: 'anonymous' }, address: '192.0.2.1', outcome: 429 });
    expect(rows[1]).toMatchObject({ actor: { kind: 'token', name: '(unknown token)' }, address: '192.0.2.1', outcome: 401 });
  });

  it('verifies the chain and takes the retention setting', async () => {
    expect(await t.ok('/audit/verify')).toMatchObject({ ok: true });
    expect(await t.ok('/settings/audit')).toEqual({ retentionDays: 365 });
    const refused = await t.api('/settings/audit', { method: 'PUT', json: { retentionDays: 0 }, headers: { 'accept-language': 'de' } });
    expect(refused.status).toBe(422);
    await t.ok('/settings/audit', { method: 'PUT', json: { retentionDays: 30 } });
    expect(await newest()).toMatchObject({ action: 'PUT /settings/audit', resource: { type: 'settings', id: 'audit' }, before: { retentionDays: 365 }, after: { retentionDays: 30 } });
    const bad = await t.api('/audit?from=yesterday');
    expect(bad.status).toBe(422);
  });

  it('prunes at the start to the retention, with a checkpoint, and the chain still verifies', async () => {
    const total = (await t.ok<{ total: number }>('/audit?limit=1')).total;
    await t.restart(async () => {
      // A row from 40 days ago, appended while the server is down (retention is 30 days now).
      const db = openDatabase(t.dataDir);
      try {
        await new AuditLog(db, () => new Date(Date.now() - 40 * 86_400_000)).append({ actor: { kind: 'system', name: 'test' }, action: 'old' });
      } finally {
        await db.destroy();
      }
    });
    const rows = await entries();
    expect(rows.map((r) => r.action)).toEqual(['audit.pruned']);
    expect(rows[0]!.after).toMatchObject({ upto: total + 1, count: total + 1, days: 30 });
    expect(await t.ok('/audit/verify')).toMatchObject({ ok: true, rows: 1 });
  });
});
