import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { webRouter } from './web.index.js';
import { acceptsGzip } from './web.static.js';

// The served root is a folder inside a temp folder that also holds a secret beside it.
const outside = mkdtempSync(join(tmpdir(), 'swf-web-'));
const root = join(outside, 'site');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
const bigScript = Array.from({ length: 400 }, (_, i) => `export const value${i} = ${i};`).join('\n');
writeFileSync(join(root, 'assets', 'big-def.js'), bigScript);
writeFileSync(join(root, 'assets', 'logo-123.png'), Buffer.alloc(4096, 7));
writeFileSync(join(outside, 'swf-web-secret.txt'), 'secret');
afterAll(() => rmSync(outside, { recursive: true, force: true }));

const app = webRouter(root);

describe('the web app at /', () => {
  it('serves index.html at / and for app routes without an extension', async () => {
    for (const path of ['/', '/flows/musterfirma', '/flows/new', '/dashboard']) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('<title>app</title>');
    }
  });

  it('serves hashed assets as immutable with their type', async () => {
    const res = await app.request('/assets/index-abc.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('sends text files of 1 KB and more gzipped to a client that takes gzip, and as they are to others', async () => {
    const gz = await app.request('/assets/big-def.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(gz.status).toBe(200);
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('vary')).toBe('Accept-Encoding');
    expect(gz.headers.get('cache-control')).toContain('immutable');
    const packed = Buffer.from(await gz.arrayBuffer());
    expect(packed.length).toBeLessThan(bigScript.length / 3);
    expect(gunzipSync(packed).toString()).toBe(bigScript);
    // Made once: the second answer is the same bytes.
    const again = await app.request('/assets/big-def.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(Buffer.from(await again.arrayBuffer()).equals(packed)).toBe(true);

    const others: Array<Record<string, string>> = [{}, { 'accept-encoding': 'gzip;q=0, identity' }, { 'accept-encoding': 'br' }];
    for (const headers of others) {
      const plain = await app.request('/assets/big-def.js', { headers });
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(plain.headers.get('vary')).toBe('Accept-Encoding');
      expect(await plain.text()).toBe(bigScript);
    }
    // Small files and images go as they are.
    for (const path of ['/assets/index-abc.js', '/assets/logo-123.png']) {
      const res = await app.request(path, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.headers.get('content-encoding'), path).toBeNull();
    }
  });

  it('reads Accept-Encoding as RFC 9110 says', () => {
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('never serves files outside the root, missing files or API paths', async () => {
    expect((await app.request('/../swf-web-secret.txt')).status).toBe(404);
    expect((await app.request('/%2e%2e/swf-web-secret.txt')).status).toBe(404);
    expect((await app.request('/assets/missing.js')).status).toBe(404);
    expect((await app.request('/api/v1/nope')).status).toBe(404);
  });

  it('says how to build the app when dist is missing', async () => {
    const res = await webRouter(join(root, 'nope')).request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('pnpm --filter @stumpfworks/web build');
  });
});
