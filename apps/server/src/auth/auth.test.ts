import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing.js';

describe('auth, health and the API reference (real server)', () => {
  let t: TestServer;
  beforeAll(async () => {
    // The sweep below fails authentication some hundred times from 127.0.0.1 within a second; the
    // per-address limit (429) has its own tests (auth-limit.test.ts).
    t = await startTestServer({ AUTH_FAILURE_LIMIT: '100000' });
  });
  afterAll(() => t.stop());

  it('writes the admin token with mode 0600 and stores only its hash', async () => {
    expect(statSync(join(t.dataDir, 'admin-token')).mode & 0o777).toBe(0o600);
    const rows = await t.server.db.selectFrom('tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(t.token);
  });

  it('answers /health without a token', async () => {
    const response = await fetch(`${t.server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', asterisk: 'down', runtime: 'off', apps: [], startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });

  it.each([undefined, 'Bearer wrong', 'Basic abc', 'Bearer'])('refuses authorization %s with a bare 401', async (header) => {
    const response = await fetch(`${t.server.url}/api/v1/extensions`, { headers: header ? { authorization: header } : {} });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'unauthorized' } });
  });

  it('serves the OpenAPI spec with every error response declared', async () => {
    const response = await t.api('/openapi.json');
    expect(response.status).toBe(200);
    const spec = (await response.json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/flows', '/extensions/{id}', '/trunks', '/routes/outbound/{id}', '/publish']));
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.responses, `${method} ${path}`).toHaveProperty('401');
        if (method === 'post' || method === 'put') {
          expect(op.responses, `${method} ${path}`).toHaveProperty('422');
          expect(op.responses, `${method} ${path}`).toHaveProperty('400'); // a body that is not JSON
        }
      }
    }
  });

  it('serves the reference page itself, without any CDN', async () => {
    const response = await fetch(`${t.server.url}/api/v1/docs`);
    expect(response.status).toBe(200);
    const html = await response.text();
    // Its script and styles are files of its own (no inline script under the CSP), served without a token.
    const assets = [...html.matchAll(/<(?:script[^>]+src|link[^>]+href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.sort()).toEqual(['docs/reference.css', 'docs/reference.js']);
    expect(html).not.toMatch(/<script>|<style>|\son\w+=/);
    const script = await fetch(`${t.server.url}/api/v1/docs/reference.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('openapi.json');
    const style = await fetch(`${t.server.url}/api/v1/docs/reference.css`);
    expect(style.status).toBe(200);
    expect(style.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('answers an unknown route with the JSON error shape', async () => {
    const response = await t.api('/nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not-found' } });
  });

  /** Every operation of the spec, with its path parameters filled in; `open` when it says it needs no authentication (`security: []`). */
  async function specOperations(): Promise<Array<{ method: string; path: string; open: boolean }>> {
    const spec = await t.ok<{ paths: Record<string, Record<string, { security?: unknown[] }>> }>('/openapi.json');
    return Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'x'), open: op.security?.length === 0 })),
    );
  }

  it('refuses every operation of the OpenAPI spec without a token and with a wrong one, the login (the one open operation) aside', async () => {
    const all = await specOperations();
    expect(all.filter((o) => o.open).map((o) => `${o.method} ${o.path}`)).toEqual(['POST /auth/login']);
    const operations = all.filter((o) => !o.open);
    expect(operations.length).toBeGreaterThan(30);
    const answers: string[] = [];
    for (const { method, path } of operations) {
      for (const authorization of [undefined, 'Bearer wrong-token']) {
        const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
        const response = await fetch(`${t.server.url}/api/v1${path}`, {
          method,
          headers: { ...(authorization ? { authorization } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
          body,
        });
        answers.push(`${method} ${path} ${authorization ? 'wrong' : 'none'} -> ${response.status}`);
      }
    }
    expect(answers.filter((a) => !a.endsWith('-> 401'))).toEqual([]);
  });

  it('has every route under /api/v1 in the spec (so the check above sees it), the public reference page aside', async () => {
    const documented = new Set((await specOperations()).map(({ method, path }) => `${method} ${path}`));
    const served = t.server.app.routes
      .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL' && !r.path.endsWith('/*'))
      .map((r) => `${r.method} ${r.path.slice('/api/v1'.length).replace(/:[^/]+/g, 'x')}`)
      .filter((r) => !['GET /docs', 'GET /docs/reference.js', 'GET /docs/reference.css', 'GET /openapi.json'].includes(r));
    expect(served.length).toBeGreaterThan(30);
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
  });
});
