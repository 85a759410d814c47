import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must, startTestServer, type TestServer } from '../testing.js';
import { requestFrom } from '../http/request-from.js';
import { logIn } from './session-client.js';

const ADMIN_PASSWORD = 'first-admin-pass-1';

describe('accounts, sessions and CSRF (real server, real SQLite)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ SWF_ADMIN_PASSWORD: ADMIN_PASSWORD, AUTH_FAILURE_LIMIT: '100000' });
  });
  afterAll(() => t.stop());

  it('creates the first admin from SWF_ADMIN_PASSWORD and stores only an scrypt hash', async () => {
    const rows = await t.server.db.selectFrom('users').selectAll().execute();
    expect(rows.map((r) => [r.username, r.role, r.must_change_password])).toEqual([['admin', 'admin', 0]]);
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  });

  it('logs in with an httpOnly, SameSite=Strict, Secure cookie (loopback) and answers the role and a CSRF token', async () => {
    const response = await fetch(`${t.server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'Admin', password: ADMIN_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^swf_session=[\w-]{43}; /);
    expect(cookie.split('; ').slice(1).sort()).toEqual(expect.arrayContaining(['HttpOnly', 'Path=/', 'SameSite=Strict', 'Secure']));
    const body = (await response.json()) as { kind: string; name: string; role: string; csrfToken: string };
    expect(body).toMatchObject({ kind: 'user', name: 'admin', role: 'admin' });
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/);
    // Only the session id's sha256 is stored.
    const sessions = await t.server.db.selectFrom('sessions').select('id_hash').execute();
    expect(JSON.stringify(sessions)).not.toContain(/^swf_session=([^;]+)/.exec(cookie)![1]);
  });

  it('refuses a wrong password and an unknown name alike, in both languages', async () => {
    for (const [username, password] of [['admin', 'wrong-password'], ['nobody', ADMIN_PASSWORD]]) {
      const en = await fetch(`${t.server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      expect(en.status).toBe(401);
      expect(await en.json()).toEqual({ error: { code: 'unauthorized', message: 'wrong user name or password' } });
      const de = await fetch(`${t.server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'de' }, body: JSON.stringify({ username, password }) });
      expect(((await de.json()) as { error: { message: string } }).error.message).toBe('Benutzername oder Passwort ist falsch');
      expect(de.headers.get('set-cookie')).toBeNull();
    }
  });

  it('needs the CSRF token for a cookie-authenticated write, not for a read nor with a bearer', async () => {
    const admin = await logIn(t, 'admin', ADMIN_PASSWORD);
    expect((await admin.api('/flows')).status).toBe(200);
    const without = await admin.api('/tokens', { method: 'POST', json: { name: 'x', role: 'operator' }, csrf: false });
    expect(without.status).toBe(403);
    expect(await without.json()).toMatchObject({ error: { code: 'forbidden', reason: 'csrf' } });
    const wrong = await admin.api('/tokens', { method: 'POST', json: { name: 'x', role: 'operator' }, csrf: false, headers: { 'x-csrf-token': 'guess' } });
    expect(wrong.status).toBe(403);
    expect((await admin.api('/tokens', { method: 'POST', json: { name: 'with-csrf', role: 'operator' } })).status).toBe(201);
    expect((await t.api('/tokens', { method: 'POST', json: { name: 'bearer', role: 'operator' } })).status).toBe(201);
  });

  it('an admin creates an operator with a one-time password: the operator must set their own before anything else, then has the operator role only', async () => {
    const admin = await logIn(t, 'admin', ADMIN_PASSWORD);
    const created = await must<{ id: string; mustChangePassword: boolean }>(admin.api('/users', { method: 'POST', json: { username: 'Empfang', role: 'operator', password: 'one-time-pass-1' } }), 'create the operator', 201);
    expect(created).toMatchObject({ username: 'empfang', role: 'operator', mustChangePassword: true });
    expect((await admin.api('/users', { method: 'POST', json: { username: 'empfang', role: 'editor', password: 'another-pass-1' } })).status).toBe(409);

    const operator = await logIn(t, 'empfang', 'one-time-pass-1');
    expect(operator.session).toMatchObject({ role: 'operator', user: { mustChangePassword: true } });
    const blocked = await operator.api('/calls');
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toMatchObject({ error: { reason: 'password-change-required' } });
    expect((await operator.api('/auth/session')).status).toBe(200);
    const short = await operator.api('/auth/password', { method: 'PUT', json: { currentPassword: 'one-time-pass-1', newPassword: 'short' } });
    expect(short.status).toBe(422);
    const wrongCurrent = await operator.api('/auth/password', { method: 'PUT', json: { currentPassword: 'not-it-at-all', newPassword: 'my-own-password-1' } });
    expect(wrongCurrent.status).toBe(422);
    expect(await wrongCurrent.json()).toMatchObject({ error: { issues: [{ path: 'currentPassword' }] } });
    expect((await operator.api('/auth/password', { method: 'PUT', json: { currentPassword: 'one-time-pass-1', newPassword: 'my-own-password-1' } })).status).toBe(204);

    expect((await operator.api('/calls')).status).toBe(503); // allowed (no Asterisk in this test server)
    const refused = await operator.api('/flows', { headers: { 'accept-language': 'de' } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      'Keine Berechtigung: GET /flows braucht die Rolle Editor (angemeldet als empfang, Rolle Operator)',
    );

    // The admin resets the password: the operator's sessions end, and the new one is one-time again.
    expect((await admin.api(`/users/${created.id}`, { method: 'PUT', json: { password: 'reset-by-admin-1' } })).status).toBe(200);
    expect((await operator.api('/auth/session')).status).toBe(401);
    expect((await logIn(t, 'empfang', 'reset-by-admin-1')).session.user?.mustChangePassword).toBe(true);
    await expect(logIn(t, 'empfang', 'my-own-password-1')).rejects.toThrow(/HTTP 401/);
  });

  it('logout ends the session and clears the cookie', async () => {
    const admin = await logIn(t, 'admin', ADMIN_PASSWORD);
    const out = await admin.api('/auth/session', { method: 'DELETE' });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^swf_session=; Max-Age=0; Path=\//);
    expect((await admin.api('/auth/session')).status).toBe(401);
  });

  it('keeps the last admin: no demotion, no deletion, and nobody deletes themselves', async () => {
    const admin = await logIn(t, 'admin', ADMIN_PASSWORD);
    const me = admin.session.user!.id;
    expect((await admin.api(`/users/${me}`, { method: 'PUT', json: { role: 'editor' } })).status).toBe(409);
    expect((await admin.api(`/users/${me}`, { method: 'DELETE' })).status).toBe(409);
    const other = await must<{ id: string }>(admin.api('/users', { method: 'POST', json: { username: 'zweiter', role: 'admin', password: 'second-admin-1' } }), 'second admin', 201);
    expect((await admin.api(`/users/${other.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await admin.api('/users/nobody', { method: 'DELETE' })).status).toBe(404);
  });
});

describe('the first start without SWF_ADMIN_PASSWORD', () => {
  it('prints a one-time password once; it logs in and must be changed', async () => {
    const lines: string[] = [];
    const t = await startTestServer({}, { log: (line) => lines.push(line) });
    try {
      const line = lines.find((l) => l.includes('one-time password'));
      const password = / one-time password (\S+) /.exec(line ?? '')?.[1];
      expect(password, lines.join('\n')).toMatch(/^[\w-]{24}$/);
      const admin = await logIn(t, 'admin', password!);
      expect(admin.session.user?.mustChangePassword).toBe(true);
      await t.restart();
      expect(lines.filter((l) => l.includes('one-time password'))).toHaveLength(1);
    } finally {
      await t.stop();
    }
  });
});

describe('the failure limit guards the login (limit 3)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ SWF_ADMIN_PASSWORD: ADMIN_PASSWORD, AUTH_FAILURE_LIMIT: '3' });
  });
  afterAll(() => t.stop());

  it('refuses an address after 3 wrong passwords, the right one too, and counts a wrong token with them', async () => {
    const login = (password: string) =>
      requestFrom('127.0.0.41', `${t.server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    expect((await login('wrong-1')).status).toBe(401);
    expect((await requestFrom('127.0.0.41', `${t.server.url}/api/v1/flows`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await login('wrong-2')).status).toBe(401);
    const refused = await login(ADMIN_PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Another address logs in.
    expect((await requestFrom('127.0.0.42', `${t.server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) })).status).toBe(200);
  });
});
