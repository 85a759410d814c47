import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing.js';

describe('security headers on every answer (real server)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ AUTH_FAILURE_LIMIT: '1000' });
  });
  afterAll(() => t.stop());

  const answers: Array<[string, () => Promise<Response>]> = [
    ['the web app', () => fetch(`${t.server.url}/`)],
    ['/health', () => fetch(`${t.server.url}/health`)],
    ['an API answer', () => t.api('/flows')],
    ['a 401', () => fetch(`${t.server.url}/api/v1/flows`)],
    ['a 404', () => t.api('/nope')],
    ['a 413', () => t.api('/flows', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(2 * 1024 * 1024) })],
    ['the API reference page', () => fetch(`${t.server.url}/api/v1/docs`)],
    ['its script', () => fetch(`${t.server.url}/api/v1/docs/reference.js`)],
  ];

  it.each(answers)('%s: a CSP without inline script or eval, no framing, nosniff, a referrer policy', async (_, ask) => {
    const response = await ask();
    await response.arrayBuffer();
    const csp = response.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(csp.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toMatchObject({ 'default-src': "'self'", 'script-src': "'self'", 'frame-ancestors': "'none'", 'object-src': "'none'", 'base-uri': "'none'" });
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    // Plain HTTP on the LAN: no HSTS (a TLS proxy in front sets its own).
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });
});
