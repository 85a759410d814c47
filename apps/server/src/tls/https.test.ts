/**
 * The HTTPS server against real TLS (node:https with the served certificate as the only CA): the
 * generated certificate, the redirect, HSTS, the Secure cookie, and an upload or a new certificate
 * swapped in without a restart. Real server, real SQLite, no Asterisk.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing.js';
import { HSTS } from './https.middleware.js';
import { createTestCa, type TestCa } from './test-ca.fixture.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The SHA-256 of the certificate the server presented on this connection. */
  fingerprint256: string;
}

/** One request over a new TLS connection that trusts only `ca` (and checks the host name against it). */
function overTls(url: string, ca: string, init: { method?: string; headers?: Record<string, string>; body?: string; servername?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: init.method ?? 'GET', headers: init.headers, ca, agent: false, ...(init.servername ? { servername: init.servername } : {}) }, (res) => {
      const fingerprint256 = (res.socket as TLSSocket).getPeerX509Certificate()?.fingerprint256 ?? '';
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, fingerprint256 }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** One request over plain HTTP that sends the Host header given (fetch does not let a caller set it). */
function plain(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Omit<Answer, 'fingerprint256'>> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const ADMIN_PASSWORD = 'https-admin-pass-1';

describe('the HTTPS server', () => {
  let server: TestServer;
  let generated: string;
  let httpsUrl: string;
  beforeAll(async () => {
    server = await startTestServer({ SWF_ADMIN_PASSWORD: ADMIN_PASSWORD });
    httpsUrl = server.server.httpsUrl!;
    generated = readFileSync(join(server.dataDir, 'tls', 'certificate.pem'), 'utf8');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('serves the certificate it generated into DATA_DIR/tls (key 0600), for 127.0.0.1 and localhost', async () => {
    expect(httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(statSync(join(server.dataDir, 'tls', 'key.pem')).mode & 0o777).toBe(0o600);
    const health = await overTls(`${httpsUrl}/health`, generated);
    expect(health.status).toBe(200);
    expect(health.fingerprint256).toBe(new X509Certificate(generated).fingerprint256);
    // The name checked is localhost (SNI and the host name check), the address the same.
    const byName = await overTls(`${httpsUrl.replace('127.0.0.1', 'localhost')}/health`, generated);
    expect(byName.status).toBe(200);
    expect(await server.ok('/https')).toMatchObject({ enabled: true, port: server.server.httpsPort, certificate: { source: 'data-dir', selfSigned: true, fingerprint256: health.fingerprint256, names: expect.arrayContaining(['DNS:localhost', 'IP Address:127.0.0.1']) } });
  });

  it('refuses the handshake to a client that trusts another CA', async () => {
    const other = await createTestCa('Another CA');
    await expect(overTls(`${httpsUrl}/health`, other.certificate)).rejects.toThrow(/self-signed certificate|unable to verify/);
  });

  it('sets the session cookie Secure over HTTPS, for a LAN host name too (not over plain HTTP there)', async () => {
    const body = JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD });
    const headers = { 'content-type': 'application/json', host: 'pbx.lan' };
    const tls = await overTls(`${httpsUrl}/api/v1/auth/login`, generated, { method: 'POST', headers, body, servername: 'localhost' });
    expect(tls.status).toBe(200);
    expect(String(tls.headers['set-cookie'])).toMatch(/^swf_session=[^;]+;.*; Secure/);
    const overHttp = await plain(`${server.server.url}/api/v1/auth/login`, { method: 'POST', headers, body });
    expect(overHttp.status).toBe(200);
    expect(String(overHttp.headers['set-cookie'])).toMatch(/^swf_session=/);
    expect(String(overHttp.headers['set-cookie'])).not.toMatch(/Secure/);
  });

  it('redirects plain HTTP to HTTPS when the setting says so, except /health, /metrics and the API', async () => {
    // Off by default (the page itself is 200 or 404, as apps/web/dist is built or not).
    const before = await fetch(`${server.server.url}/flows?x=1`, { redirect: 'manual' });
    expect([before.status === 308, before.headers.get('location')]).toEqual([false, null]);
    await server.ok('/settings/https', { method: 'PUT', json: { redirectHttp: true } });
    const page = await fetch(`${server.server.url}/flows?x=1`, { redirect: 'manual' });
    expect(page.status).toBe(308);
    expect(page.headers.get('location')).toBe(`${httpsUrl}/flows?x=1`);
    const named = await plain(`${server.server.url}/`, { headers: { host: `pbx.lan:${server.server.port}` } });
    expect([named.status, named.headers.location]).toEqual([308, `https://pbx.lan:${server.server.httpsPort}/`]);
    expect((await fetch(`${server.server.url}/health`, { redirect: 'manual' })).status).toBe(200);
    // Answered, not redirected: without a token, 401.
    expect((await fetch(`${server.server.url}/metrics`, { redirect: 'manual' })).status).toBe(401);
    expect((await server.api('/https', { redirect: 'manual' })).status).toBe(200);
    // Over HTTPS no redirect; on the self-signed certificate no HSTS.
    const served = await overTls(`${httpsUrl}/flows`, generated);
    expect([served.status === 308, served.headers.location]).toEqual([false, undefined]);
    expect(served.headers['strict-transport-security']).toBeUndefined();
  });

  describe('with a certificate the admin uploads', () => {
    let ca: TestCa;
    beforeAll(async () => {
      ca = await createTestCa();
    });

    it('refuses a bad pair with each field and its reason (German), and keeps serving the old one', async () => {
      const good = await ca.issue(['localhost', '127.0.0.1']);
      const other = await ca.issue(['localhost']);
      const refused = await server.api('/https/certificate', { method: 'PUT', json: { certificate: good.certificate, key: other.key }, headers: { 'accept-language': 'de' } });
      expect(refused.status).toBe(422);
      expect(await refused.json()).toEqual({
        error: { code: 'validation', message: 'Zertifikat oder Schlüssel sind nicht verwendbar', issues: [{ path: 'key', message: 'Der Schlüssel gehört nicht zum (ersten) Zertifikat' }] },
      });
      const missing = await server.api('/https/certificate', { method: 'PUT', json: { certificate: good.certificate } });
      expect(missing.status).toBe(422);
      expect(((await missing.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path)).toEqual(['key']);
      expect((await overTls(`${httpsUrl}/health`, generated)).fingerprint256).toBe(new X509Certificate(generated).fingerprint256);
    });

    it('serves an uploaded CA certificate to the next connection without a restart, with HSTS while the redirect is on', async () => {
      const pair = await ca.issue(['localhost', '127.0.0.1']);
      const uploaded = await server.ok<{ fingerprint256: string; selfSigned: boolean; chainLength: number }>('/https/certificate', { method: 'PUT', json: pair });
      expect(uploaded).toMatchObject({ selfSigned: false, chainLength: 1 });
      const answer = await overTls(`${httpsUrl}/health`, ca.certificate);
      expect(answer.status).toBe(200);
      expect(answer.fingerprint256).toBe(uploaded.fingerprint256);
      expect(answer.headers['strict-transport-security']).toBe(HSTS);
      // Never over plain HTTP (the API stays there for the NAS), and not once the redirect is off.
      expect((await server.api('/https')).headers.get('strict-transport-security')).toBeNull();
      await server.ok('/settings/https', { method: 'PUT', json: { redirectHttp: false } });
      expect((await overTls(`${httpsUrl}/health`, ca.certificate)).headers['strict-transport-security']).toBeUndefined();
      expect(readFileSync(join(server.dataDir, 'tls', 'certificate.pem'), 'utf8')).toBe(pair.certificate.trim() + '\n');
    });

    it('keeps the uploaded certificate across a restart', async () => {
      const before = await server.ok<{ certificate: { fingerprint256: string } }>('/https');
      await server.restart();
      const after = await overTls(`${server.server.httpsUrl!}/health`, ca.certificate);
      expect(after.fingerprint256).toBe(before.certificate.fingerprint256);
      httpsUrl = server.server.httpsUrl!;
    });

    it('generates a new self-signed certificate on request and serves it at once', async () => {
      const fresh = await server.ok<{ fingerprint256: string; selfSigned: boolean }>('/https/certificate/generate', { method: 'POST' });
      expect(fresh.selfSigned).toBe(true);
      const pem = readFileSync(join(server.dataDir, 'tls', 'certificate.pem'), 'utf8');
      expect(new X509Certificate(pem).fingerprint256).toBe(fresh.fingerprint256);
      expect((await overTls(`${httpsUrl}/health`, pem)).fingerprint256).toBe(fresh.fingerprint256);
    });
  });

  it('is admin-only', async () => {
    const token = await server.ok<{ token: string }>('/tokens', { method: 'POST', json: { name: 'ed', role: 'editor' } }, 201);
    const refused = await server.api('/https', { headers: { authorization: `Bearer ${token.token}` } });
    expect(refused.status).toBe(403);
  });
});

describe('HTTPS settings from the environment', () => {
  it('HTTPS_PORT=off: no TLS listener, no certificate, GET /https says so', async () => {
    const server = await startTestServer({ HTTPS_PORT: 'off' });
    try {
      expect(server.server.httpsUrl).toBeUndefined();
      expect(await server.ok('/https')).toEqual({ enabled: false, port: null, certificate: null });
      expect((await server.api('/https/certificate/generate', { method: 'POST' })).status).toBe(409);
      await server.ok('/settings/https', { method: 'PUT', json: { redirectHttp: true } });
      const page = await fetch(`${server.server.url}/flows`, { redirect: 'manual' });
      expect([page.status === 308, page.headers.get('location')]).toEqual([false, null]);
    } finally {
      await server.stop();
    }
  });

  it('a taken HTTPS port costs HTTPS only: the server starts, says why, and GET /https says it is not listening', async () => {
    const blocker = createNetServer();
    await new Promise<void>((listening) => blocker.listen(0, '127.0.0.1', listening));
    const taken = (blocker.address() as AddressInfo).port;
    const log: string[] = [];
    const server = await startTestServer({ HTTPS_PORT: String(taken) }, { log: (line) => log.push(line) });
    try {
      expect(server.server.httpsUrl).toBeUndefined();
      expect(log).toContain(`[https] cannot listen on 127.0.0.1:${taken} (EADDRINUSE): no HTTPS until the server starts with that port free, or another one in HTTPS_PORT`);
      expect(await server.ok('/https')).toMatchObject({ enabled: false, port: null, certificate: { selfSigned: true } });
      expect((await fetch(`${server.server.url}/health`)).status).toBe(200);
    } finally {
      await server.stop();
      blocker.close();
    }
  });

  it('TLS_CERT_FILE/TLS_KEY_FILE: serves those files and refuses upload and generation (409)', async () => {
    const ca = await createTestCa();
    const pair = await ca.issue(['localhost', '127.0.0.1']);
    const dir = mkdtempSync(join(tmpdir(), 'swf-tls-files-'));
    writeFileSync(join(dir, 'fullchain.pem'), pair.certificate);
    writeFileSync(join(dir, 'privkey.pem'), pair.key, { mode: 0o600 });
    const server = await startTestServer({ TLS_CERT_FILE: join(dir, 'fullchain.pem'), TLS_KEY_FILE: join(dir, 'privkey.pem') });
    try {
      const answer = await overTls(`${server.server.httpsUrl!}/health`, ca.certificate);
      expect(answer.fingerprint256).toBe(new X509Certificate(pair.certificate).fingerprint256);
      expect(await server.ok('/https')).toMatchObject({ certificate: { source: 'files', selfSigned: false } });
      const refused = await server.api('/https/certificate', { method: 'PUT', json: pair });
      expect(refused.status).toBe(409);
      expect((await server.api('/https/certificate/generate', { method: 'POST' })).status).toBe(409);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
