import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedVerifier, nasVerifier } from './verifier.js';

describe('nasVerifier against a fake NAS on 127.0.0.1', () => {
  let server: Server;
  let url: string;
  const seen: Array<{ path: string; auth: string | undefined }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ path: req.url ?? '', auth: req.headers.authorization });
      if (req.method === 'POST' && req.url === '/api/v1/auth/verify' && req.headers.authorization === 'Bearer nas-good') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ user: 'alice' }));
      } else res.writeHead(401).end();
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('accepts a token the NAS accepts and names its user', async () => {
    expect(await nasVerifier(url)('nas-good')).toBe('nas:alice');
    expect(seen.at(-1)).toEqual({ path: '/api/v1/auth/verify', auth: 'Bearer nas-good' });
  });

  it('refuses a token the NAS refuses', async () => {
    expect(await nasVerifier(`${url}/`)('nas-bad')).toBeUndefined();
  });

  it('refuses when the NAS is unreachable', async () => {
    expect(await nasVerifier('http://127.0.0.1:9', fetch, 500)('nas-good')).toBeUndefined();
  });
});

describe('cachedVerifier', () => {
  it('checks an accepted token once per TTL, and a refused one every time', async () => {
    let clock = 0;
    const calls: string[] = [];
    const verify = cachedVerifier(async (token) => (calls.push(token), token === 'good' ? 'admin' : undefined), { ttlMs: 1000, now: () => clock });
    expect(await verify('good')).toBe('admin');
    expect(await verify('good')).toBe('admin');
    expect(await verify('bad')).toBeUndefined();
    expect(await verify('bad')).toBeUndefined();
    expect(calls).toEqual(['good', 'bad', 'bad']);
    clock = 1000; // expired: asked again
    expect(await verify('good')).toBe('admin');
    expect(calls).toEqual(['good', 'bad', 'bad', 'good']);
  });

  it('forgets a token that the inner verifier no longer accepts once the TTL is over', async () => {
    let clock = 0;
    let valid = true;
    const verify = cachedVerifier(async () => (valid ? 'admin' : undefined), { ttlMs: 1000, now: () => clock });
    expect(await verify('t')).toBe('admin');
    valid = false; // revoked
    clock = 1001;
    expect(await verify('t')).toBeUndefined();
  });

  it('keeps at most `max` tokens', async () => {
    const calls: string[] = [];
    const verify = cachedVerifier(async (token) => (calls.push(token), 'x'), { max: 2 });
    for (const token of ['a', 'b', 'c', 'a']) await verify(token);
    expect(calls).toEqual(['a', 'b', 'c', 'a']); // a was dropped when c came
  });
});
