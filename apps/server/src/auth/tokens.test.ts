import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must, startTestServer, type TestServer } from '../testing.js';

describe('API tokens: named, with a role, shown once, listed with last use, revocable (real server)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());
  const asToken = (token: string, path: string) => fetch(`${t.server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('lists the admin token of the first start as admin, made by nobody', async () => {
    const list = await t.ok<Array<{ name: string; role: string; createdBy: string | null; lastUsedAt: string | null }>>('/tokens');
    expect(list).toEqual([expect.objectContaining({ name: 'admin', role: 'admin', createdBy: null })]);
    expect(list[0]!.lastUsedAt).not.toBeNull(); // this very request used it
  });

  it('shows a new token once, never in the list, and it acts in its role', async () => {
    const created = await must<{ id: string; token: string; name: string; role: string; lastUsedAt: string | null }>(
      t.api('/tokens', { method: 'POST', json: { name: 'Wallboard', role: 'operator' } }),
      'create the token',
      201,
    );
    expect(created).toMatchObject({ name: 'Wallboard', role: 'operator', createdBy: 'admin', lastUsedAt: null });
    expect(created.token).toMatch(/^swf_[\w-]{43}$/);
    const listed = await t.ok<Array<Record<string, unknown>>>('/tokens');
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(listed.find((x) => x.id === created.id)).toMatchObject({ lastUsedAt: null });

    expect((await asToken(created.token, '/queues')).status).toBe(200);
    expect((await asToken(created.token, '/flows')).status).toBe(403);
    expect((await asToken(created.token, '/tokens')).status).toBe(403);
    const used = (await t.ok<Array<{ id: string; lastUsedAt: string | null }>>('/tokens')).find((x) => x.id === created.id);
    expect(used?.lastUsedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/);
  });

  it('revokes a token at once, though the verifier had just accepted it', async () => {
    const { id, token } = await must<{ id: string; token: string }>(t.api('/tokens', { method: 'POST', json: { name: 'script', role: 'editor' } }), 'create', 201);
    expect((await asToken(token, '/flows')).status).toBe(200);
    expect((await t.api(`/tokens/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await asToken(token, '/flows')).status).toBe(401);
    expect((await t.api(`/tokens/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a token without a name or with an unknown role, with field paths', async () => {
    const response = await t.api('/tokens', { method: 'POST', json: { name: ' ', role: 'root' } });
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { issues: Array<{ path: string }> } };
    expect([...new Set(error.issues.map((i) => i.path))].sort()).toEqual(['name', 'role']);
  });
});
