import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { webRouter } from './web.index.js';

const root = mkdtempSync(join(tmpdir(), 'swf-web-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(tmpdir(), 'swf-web-secret.txt'), 'secret');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const app = webRouter(root);

describe('the web app at /', () => {
  it('serves index.html at / and for app routes without an extension', async () => {
    for (const path of ['/', '/flows/musterfirma']) {
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
