/**
 * HTTPS in Chromium (issue #17 point 3): a browser that opens the plain HTTP address of the PBX by
 * a LAN-like name (pbx.test, mapped to 127.0.0.1) is redirected to HTTPS, logs in there and holds
 * a Secure session cookie; the HTTPS page shows the certificate Chromium was served, takes an
 * uploaded CA certificate without a restart, and HSTS comes with it. Chromium trusts exactly the
 * two certificates' public keys (--ignore-certificate-errors-spki-list), not every certificate.
 * Real server, real SQLite, real TLS, real Chromium.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp, launchBrowser, type Browser } from '../../apps/web/e2e/harness.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import type { CertificatePair } from '../../apps/server/src/tls/certificate.js';
import { HSTS } from '../../apps/server/src/tls/https.middleware.js';
import { createTestCa } from '../../apps/server/src/tls/test-ca.fixture.js';
import { ADMIN_PASSWORD, hasChromium, poll, SHOTS, type Page } from './harness.js';

/** The base64 SHA-256 of a certificate's public key (SubjectPublicKeyInfo), as Chromium's SPKI list takes it. */
const spkiHash = (pem: string) => createHash('sha256').update(new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' })).digest('base64');

const HOST = 'pbx.test';

describe.skipIf(!hasChromium())('HTTPS in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let uploaded: CertificatePair;
  let generatedPem: string;
  let args: string[];
  const errors: string[] = [];
  const httpUrl = () => `http://${HOST}:${server.server.port}`;
  const httpsUrl = () => `https://${HOST}:${server.server.httpsPort}`;

  /** A browser that reaches pbx.test (and nothing else) and trusts the two certificates' keys. */
  const openBrowser = async () => {
    const opened = await launchBrowser({ args });
    const tab = await opened.context.newPage();
    tab.on('pageerror', (error) => errors.push(error.message));
    tab.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    await tab.route('**/*', (route) => (new URL(route.request().url()).hostname === HOST ? route.continue() : route.abort()));
    return { opened, tab };
  };

  beforeAll(async () => {
    buildWebApp();
    server = await startTestServer({ SWF_ADMIN_PASSWORD: ADMIN_PASSWORD });
    generatedPem = readFileSync(join(server.dataDir, 'tls', 'certificate.pem'), 'utf8');
    const ca = await createTestCa();
    uploaded = await ca.issue([HOST]);
    args = [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`, `--ignore-certificate-errors-spki-list=${spkiHash(generatedPem)},${spkiHash(uploaded.certificate)}`];
    // The admin has turned the redirect on (the setting; the page's checkbox shows it).
    await server.ok('/settings/https', { method: 'PUT', json: { redirectHttp: true } });
    ({ opened: browser, tab: page } = await openBrowser());
    page.on('dialog', (dialog) => void dialog.accept());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('redirects the plain HTTP address to HTTPS, where the self-signed certificate is served', async () => {
    const response = await page.goto(`${httpUrl()}/`);
    expect(new URL(page.url()).origin).toBe(httpsUrl());
    expect(response!.request().redirectedFrom()?.url()).toBe(`${httpUrl()}/`);
    const tls = await response!.securityDetails();
    expect(tls?.subjectName).toBe(new X509Certificate(generatedPem).subject.replace(/^CN=/, '').split('\n')[0]);
    expect(response!.headers()['strict-transport-security']).toBeUndefined();
    expect((await response!.request().redirectedFrom()!.response())!.status()).toBe(308);
    await poll(() => page.getByRole('form', { name: 'Anmelden' }).count()).toBe(1);
  });

  it('logs in over HTTPS and keeps the session in a Secure, httpOnly cookie', async () => {
    const form = page.getByRole('form', { name: 'Anmelden' });
    await form.getByLabel('Benutzername').fill('admin');
    await form.getByLabel('Passwort').fill(ADMIN_PASSWORD);
    await form.getByRole('button', { name: 'Anmelden' }).click();
    await poll(() => page.getByTestId('signed-in').textContent()).toBe('Angemeldet als admin (Admin)');
    const cookies = await browser.context.cookies(httpsUrl());
    expect(cookies.map((c) => [c.name, c.domain, c.secure, c.httpOnly, c.sameSite])).toEqual([['swf_session', HOST, true, true, 'Strict']]);
  });

  it('shows the certificate with the fingerprint Chromium was served, and the redirect on', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'HTTPS', exact: true }).click();
    await poll(() => page.getByTestId('fingerprint').textContent()).toBe(new X509Certificate(generatedPem).fingerprint256);
    expect(await page.getByTestId('certificate').textContent()).toContain('selbst signiert');
    expect(await page.getByTestId('https-address').textContent()).toBe(`HTTPS auf Port ${server.server.httpsPort}: ${httpsUrl()}`);
    expect(await page.getByLabel('HTTP auf HTTPS umleiten').isChecked()).toBe(true);
    await page.screenshot({ path: join(SHOTS, '60-https.png') });
  });

  it('refuses a key of another certificate with the field named, in German', async () => {
    const form = page.getByRole('form', { name: 'Eigenes Zertifikat hochladen' });
    await form.getByLabel('Zertifikatskette (.pem, .crt)').setInputFiles({ name: 'fullchain.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(uploaded.certificate) });
    const strangerKey = readFileSync(join(server.dataDir, 'tls', 'key.pem'));
    await form.getByLabel('Privater Schlüssel (.pem, .key)').setInputFiles({ name: 'privkey.pem', mimeType: 'application/x-pem-file', buffer: strangerKey });
    await form.getByRole('button', { name: 'Prüfen und verwenden' }).click();
    await poll(() => page.getByRole('alert').textContent()).toBe('key: Der Schlüssel gehört nicht zum (ersten) Zertifikat');
  });

  it('uses an uploaded CA certificate at once: a new browser is served it, with HSTS', async () => {
    const form = page.getByRole('form', { name: 'Eigenes Zertifikat hochladen' });
    await form.getByLabel('Privater Schlüssel (.pem, .key)').setInputFiles({ name: 'privkey.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(uploaded.key) });
    await form.getByRole('button', { name: 'Prüfen und verwenden' }).click();
    await poll(() => page.getByRole('status').textContent()).toBe(`Zertifikat wird verwendet: CN=${HOST}`);
    await poll(() => page.getByTestId('fingerprint').textContent()).toBe(new X509Certificate(uploaded.certificate).fingerprint256);
    expect(await page.getByTestId('certificate').textContent()).toContain('von einer Zertifizierungsstelle ausgestellt');
    // A second browser (its own connections): the uploaded certificate, and HSTS with it.
    const second = await openBrowser();
    try {
      const response = await second.tab.goto(`${httpsUrl()}/`);
      const tls = await response!.securityDetails();
      expect([tls?.subjectName, tls?.issuer]).toEqual([HOST, 'StumpfWorks Test CA']);
      expect(response!.headers()['strict-transport-security']).toBe(HSTS);
      await poll(() => second.tab.getByRole('form', { name: 'Anmelden' }).count()).toBe(1);
    } finally {
      await second.opened.close();
    }
    // Only the answers the steps asked for: 401 to the page's session check before the login, 422 to the wrong key.
    expect(errors.filter((e) => !/status of (401|422)\b/.test(e))).toEqual([]);
  });
});
