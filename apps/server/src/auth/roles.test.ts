import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must, startTestServer, type TestServer } from '../testing.js';
import { ROLES, roleAllows, type Role } from './roles.js';

type Spec = { paths: Record<string, Record<string, { 'x-role'?: string; security?: unknown[] }>> };

describe('each role\'s allowed and refused routes, walked from the OpenAPI spec (real server)', () => {
  let t: TestServer;
  const tokens = {} as Record<Role, string>;
  let operations: Array<{ method: string; path: string; role: string }>;
  beforeAll(async () => {
    t = await startTestServer({ AUTH_FAILURE_LIMIT: '100000' });
    for (const role of ROLES) {
      tokens[role] = (await must<{ token: string }>(t.api('/tokens', { method: 'POST', json: { name: `walk-${role}`, role } }), `a ${role} token`, 201)).token;
    }
    const spec = await t.ok<Spec>('/openapi.json');
    operations = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, role: op['x-role'] ?? 'none' })),
    );
  });
  afterAll(() => t.stop());

  it('has a role declared on every operation, and the login is the only public one', () => {
    expect(operations.length).toBeGreaterThan(60);
    expect(operations.filter((o) => !['public', ...ROLES].includes(o.role))).toEqual([]);
    expect(operations.filter((o) => o.role === 'public').map((o) => `${o.method} ${o.path}`)).toEqual(['POST /auth/login']);
  });

  it('answers 403 with a bilingual reason exactly where the role is below the declared one, and never 401', async () => {
    const wrong: string[] = [];
    let refusals = 0;
    for (const { method, path, role: needed } of operations) {
      if (needed === 'public') continue;
      for (const role of ROLES) {
        // Path parameters that name nothing: an allowed write finds no resource (404) or a body it refuses (422).
        const url = `${t.server.url}/api/v1${path.replace(/\{[^}]+\}/g, 'zz-none')}`;
        const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
        const headers = { authorization: `Bearer ${tokens[role]}`, ...(body ? { 'content-type': 'application/json' } : {}) };
        const response = await fetch(url, { method, headers, body });
        const text = await response.text();
        const allowed = roleAllows(role, needed as Role);
        if (allowed ? response.status === 403 || response.status === 401 : response.status !== 403) {
          wrong.push(`${role} ${method} ${path} (needs ${needed}) -> ${response.status} ${text}`);
          continue;
        }
        if (allowed) continue;
        refusals++;
        const operation = `${method} ${path}`;
        expect(JSON.parse(text)).toEqual({
          error: { code: 'forbidden', reason: 'role', needed, role, message: `not allowed: ${operation} needs the ${needed} role (signed in as walk-${role}, role ${role})` },
        });
        const german = await fetch(url, { method, headers: { ...headers, 'accept-language': 'de' }, body });
        expect(((await german.json()) as { error: { message: string } }).error.message).toMatch(new RegExp(`^Keine Berechtigung: ${operation.replace(/[{}]/g, '\\$&')} braucht die Rolle \\w+ \\(angemeldet als walk-${role}, Rolle \\w+\\)$`));
      }
    }
    expect(wrong).toEqual([]);
    // Operators are refused most, editors the admin's part, admins nothing.
    expect(refusals).toBeGreaterThan(60);
  });

  it('gives each role what the issue says (spot checks against the spec walk above)', () => {
    const needs = (method: string, path: string) => operations.find((o) => o.method === method && o.path === path)?.role;
    // operator: dashboard, live calls, queues
    for (const [m, p] of [['GET', '/calls'], ['GET', '/status'], ['POST', '/calls/{channel}/hangup'], ['GET', '/queues'], ['GET', '/queue-status']]) expect(needs(m!, p!), `${m} ${p}`).toBe('operator');
    // editor: flows, prompts, publish
    for (const [m, p] of [['GET', '/flows'], ['PUT', '/flows/{id}'], ['PUT', '/prompts/{id}/audio'], ['POST', '/publish'], ['POST', '/flows/{id}/publish']]) expect(needs(m!, p!), `${m} ${p}`).toBe('editor');
    // admin: the PBX's resources, settings, security, people and tokens
    for (const [m, p] of [['POST', '/extensions'], ['PUT', '/trunks/{id}'], ['PUT', '/settings/security'], ['DELETE', '/security/bans/{address}'], ['GET', '/users'], ['POST', '/tokens'], ['PUT', '/users/{id}/assignment'], ['POST', '/restart'], ['GET', '/backups/restore']]) expect(needs(m!, p!), `${m} ${p}`).toBe('admin');
  });
});
