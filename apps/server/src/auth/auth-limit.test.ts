import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requestFrom } from '../http/request-from.js';
import { startTestServer, type TestServer } from '../testing.js';

/** Each test speaks from addresses of its own, so that the tests' failures do not add up. */
describe('failed authentications per address (real server, limit 3 in 60 s)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ AUTH_FAILURE_LIMIT: '3', AUTH_FAILURE_WINDOW_SECONDS: '60' });
  });
  afterAll(() => t.stop());
  const from = (address: string, token: string | undefined, headers: Record<string, string> = {}) =>
    requestFrom(address, `${t.server.url}/api/v1/extensions`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

  it('answers 401 to the first 3 failures, then 429 with Retry-After in the one error shape, before any token check', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await from('127.0.0.11', `wrong-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401]);
    const refused = await from('127.0.0.11', 'wrong-again');
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(JSON.parse(refused.text)).toEqual({
      error: { code: 'too-many-requests', message: `too many failed authentications from this address; try again in ${wait} s`, retryAfterSeconds: wait },
    });
    const german = await from('127.0.0.11', 'wrong', { 'accept-language': 'de' });
    expect(JSON.parse(german.text).error.message).toMatch(/^Zu viele fehlgeschlagene Anmeldungen von dieser Adresse; bitte in \d+ s erneut versuchen$/);
    // While refused, the address gets 429 whatever it sends, the admin token too (it is not even checked).
    expect((await from('127.0.0.11', t.token)).status).toBe(429);
    expect((await from('127.0.0.11', undefined)).status).toBe(429);
  });

  it('refuses only that address: another one still gets 200 with the token and 401 with a wrong one', async () => {
    for (let i = 0; i < 4; i++) await from('127.0.0.12', 'wrong');
    expect((await from('127.0.0.12', t.token)).status).toBe(429);
    expect((await from('127.0.0.13', t.token)).status).toBe(200);
    expect((await from('127.0.0.13', 'wrong')).status).toBe(401);
  });

  it('never counts accepted requests', async () => {
    for (let i = 0; i < 50; i++) expect((await from('127.0.0.14', t.token)).status).toBe(200);
    expect((await from('127.0.0.14', 'wrong')).status).toBe(401);
    expect((await from('127.0.0.14', 'wrong')).status).toBe(401);
    expect((await from('127.0.0.14', t.token)).status).toBe(200);
  });

  it('counts a missing token as a failure', async () => {
    for (let i = 0; i < 3; i++) expect((await from('127.0.0.15', undefined)).status).toBe(401);
    expect((await from('127.0.0.15', undefined)).status).toBe(429);
  });

  it('leaves the public reference page and /health open to a refused address', async () => {
    for (let i = 0; i < 4; i++) await from('127.0.0.16', 'wrong');
    expect((await requestFrom('127.0.0.16', `${t.server.url}/api/v1/docs`)).status).toBe(200);
    expect((await requestFrom('127.0.0.16', `${t.server.url}/health`)).status).toBe(200);
  });
});

describe('the refusal ends with its window (real server, limit 2 in 2 s)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ AUTH_FAILURE_LIMIT: '2', AUTH_FAILURE_WINDOW_SECONDS: '2' });
  });
  afterAll(() => t.stop());

  it('answers 401 again once Retry-After has passed', async () => {
    const url = `${t.server.url}/api/v1/flows`;
    const wrong = { headers: { authorization: 'Bearer wrong' } };
    await requestFrom('127.0.0.21', url, wrong);
    await requestFrom('127.0.0.21', url, wrong);
    const refused = await requestFrom('127.0.0.21', url, wrong);
    expect(refused.status).toBe(429);
    expect(['1', '2']).toContain(refused.headers['retry-after']);
    await new Promise((r) => setTimeout(r, 1000 * Number(refused.headers['retry-after']) + 50));
    expect((await requestFrom('127.0.0.21', url, wrong)).status).toBe(401);
    expect((await requestFrom('127.0.0.21', url, { headers: { authorization: `Bearer ${t.token}` } })).status).toBe(200);
  });
});

describe('tokens checked against the NAS (fake NAS on 127.0.0.1, limit 3)', () => {
  let nas: Server;
  let t: TestServer;
  let checks = 0;
  beforeAll(async () => {
    nas = createServer((req, res) => {
      checks++;
      res.writeHead(req.headers.authorization === 'Bearer nas-good' ? 200 : 401, { 'content-type': 'application/json' }).end('{"user":"alice"}');
    });
    await new Promise<void>((ready) => nas.listen(0, '127.0.0.1', ready));
    t = await startTestServer({ NAS_API_URL: `http://127.0.0.1:${(nas.address() as AddressInfo).port}`, AUTH_FAILURE_LIMIT: '3' });
  });
  afterEach(() => {
    checks = 0;
  });
  afterAll(async () => {
    await t.stop();
    await new Promise<void>((done) => nas.close(() => done()));
  });

  it('stops asking the NAS once an address is refused: a guesser cannot hammer it through the server', async () => {
    const statuses = [];
    for (let i = 0; i < 20; i++) {
      statuses.push((await requestFrom('127.0.0.31', `${t.server.url}/api/v1/flows`, { headers: { authorization: `Bearer guess-${i}` } })).status);
    }
    expect(statuses).toEqual([401, 401, 401, ...Array(17).fill(429)]);
    expect(checks).toBe(3);
  });

  it('still accepts a NAS token from another address', async () => {
    const ok = await requestFrom('127.0.0.32', `${t.server.url}/api/v1/flows`, { headers: { authorization: 'Bearer nas-good' } });
    expect(ok.status).toBe(200);
    expect(checks).toBe(1);
  });
});
