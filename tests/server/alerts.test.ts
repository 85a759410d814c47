/**
 * Alerts and /metrics on the real local Asterisk: a TCP registration trunk whose registrar (sipp,
 * tests/server/sipp/registrar.xml, on 127.0.0.1) stops answering raises "registration lost"
 * (mailed to a real SMTP server on loopback) and resolves when it answers again, by Asterisk's own
 * retry (after RETRY_S: the test's pjsip.conf shortens the product's 60 s retry_interval); /metrics
 * is refused without a token and with one names the trunk's real state; a publish Asterisk refuses
 * (a broken extensions.conf injected) opens "publish refused", the next one resolves it.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { amiAction } from '../../apps/server/src/asterisk/ami.js';
import { parseMetrics, type ParsedSample } from '../../apps/server/src/alerts/metrics-text.js';
import { startSmtpSink, subjectOf, type SmtpSink } from '../../apps/server/src/alerts/smtp-sink.fixture.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { must, startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, localAmi, serverAsteriskEnv } from '../support/local-asterisk.js';
import { SippRegistrar } from './sipp-registrar.js';
import { freePort } from './sipp.js';

const availability = await detectAsterisk();
/**
 * Asterisk's retry of a failed outbound registration in this test, instead of the product's 60 s
 * (packages/dialplan/src/resources/pjsip.ts): the resolution still waits for Asterisk to register
 * again on its own, a minute sooner. Asterisk gives up after max_retries (10) failed tries, far
 * more than the few seconds the registrar is away take.
 */
const RETRY_S = 5;

/** The published pjsip.conf with the registrations' retry_interval set to RETRY_S. */
function shortRetry(pjsip: string): string {
  if (!pjsip.includes('type = registration')) return pjsip;
  const shortened = pjsip.replace(/^retry_interval = 60$/gm, `retry_interval = ${RETRY_S}`);
  if (shortened === pjsip) throw new Error('a registration in pjsip.conf without "retry_interval = 60": the renderer changed, adapt shortRetry');
  return shortened;
}

describeWithAsterisk(availability, 'alerts and metrics on the real Asterisk', (asterisk) => {
  let t: TestServer;
  let smtp: SmtpSink;
  let registrar: SippRegistrar | undefined;
  let port: number;
  let scraper: string;
  let restoreFiles: (() => Promise<void>) | undefined;
  /** Fault injection: an unbalanced section header makes Asterisk refuse extensions.conf (as in publish.test.ts). */
  let breakNextPublish = false;
  const status = async () =>
    (await amiAction(localAmi(), { Action: 'PJSIPShowRegistrationsOutbound' })).find((p) => p.Event === 'OutboundRegistrationDetail' && p.ObjectName === 'trunk-alert-prov')?.Status;
  const scrape = async (): Promise<ParsedSample[]> => {
    const answer = await fetch(`${t.server.url}/metrics`, { headers: { authorization: `Bearer ${scraper}` } });
    expect(answer.status).toBe(200);
    return parseMetrics(await answer.text());
  };
  const trunkSample = (samples: ParsedSample[]) => samples.find((s) => s.name === 'swf_trunk_registered' && s.labels.trunk === 'alert-prov');

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
    smtp = await startSmtpSink('pbx', 'smtp-secret-1');
    // The sources every 250 ms; a trunk must be unregistered for 3 s (the product: 15 s and 30 s),
    // longer than the moment between a publish and the first answer of the registrar.
    t = await startTestServer(serverAsteriskEnv(), {
      ariRuntime: false,
      alerts: { intervalMs: 250, graceMs: { 'trunk-registration': 3000 } },
      beforeWrite: (files) => {
        const retry = { ...files, 'pjsip.conf': shortRetry(files['pjsip.conf']) };
        return breakNextPublish ? { ...retry, 'extensions.conf': `[broken-section\n${files['extensions.conf']}` } : retry;
      },
    });
    scraper = (await must<{ token: string }>(t.api('/tokens', { method: 'POST', json: { name: 'prometheus', role: 'operator' } }), 'an operator token', 201)).token;
    await t.ok('/alerts/settings', {
      method: 'PUT',
      json: { smtp: { enabled: true, host: '127.0.0.1', port: smtp.port, tls: 'none', user: 'pbx', password: 'smtp-secret-1', from: 'pbx@example.com', recipients: [{ address: 'ops@example.com', language: 'en' }] }, quietMinutes: 0 },
    });
    port = await freePort();
    registrar = new SippRegistrar(port);
  });

  afterAll(async () => {
    await registrar?.stop();
    if (t) {
      await t.api('/trunks/alert-prov', { method: 'DELETE' });
      await t.api('/extensions/1777', { method: 'DELETE' });
      await t.api('/publish', { method: 'POST' });
      await t.stop();
    }
    await smtp?.close();
    await restoreFiles?.();
  });

  it('registers the trunk with the registrar; /metrics is refused without a token and names its state with one', async () => {
    await t.ok('/trunks', {
      method: 'POST',
      json: { id: 'alert-prov', name: 'Alert provider', type: 'registration', server: '127.0.0.1', port, transport: 'tcp', username: 'swf', password: 'Pw-alert-12345' },
    });
    await t.ok('/publish', { method: 'POST' });
    await vi.waitFor(async () => expect(await status()).toBe('Registered'), { timeout: 30_000, interval: 200 });
    expect((await fetch(`${t.server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.server.url}/metrics`, { headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
    const samples = await scrape();
    expect(samples.find((s) => s.name === 'swf_asterisk_up')?.value).toBe(1);
    expect(trunkSample(samples)).toEqual({ name: 'swf_trunk_registered', labels: { trunk: 'alert-prov', status: 'Registered' }, value: 1 });
    for (const name of ['swf_active_channels', 'swf_registered_endpoints', 'swf_bans_active']) expect(samples.some((s) => s.name === name), name).toBe(true);
    await vi.waitFor(async () => expect(await t.ok<{ open: unknown[] }>('/alerts')).toMatchObject({ open: [] }), { timeout: 10_000, interval: 250 });
    // A slow first registration may have opened and resolved an alert: its mails are out before the next test counts mails.
    await t.server.alerts.book.settled();
  });

  it('raises "registration lost" when the registrar stops answering, and resolves it when it answers again', async () => {
    const started = Date.now();
    const mailsBefore = smtp.mails.length;
    await registrar!.stop();
    registrar = undefined;
    const lost = await smtp.next((m) => /Alert: trunk registration alert-prov$/.test(subjectOf(m)), mailsBefore);
    console.log(`[alerts test] registration lost mailed ${Date.now() - started} ms after the registrar stopped; Asterisk says ${await status()}`);
    expect(lost.to).toEqual(['ops@example.com']);
    const open = await t.ok<{ open: { kind: string; subject: string; text: { en: string } }[] }>('/alerts');
    expect(open.open).toEqual([expect.objectContaining({ kind: 'trunk-registration', subject: 'alert-prov' })]);
    expect(trunkSample(await scrape())?.value).toBe(0);
    expect((await scrape()).find((s) => s.name === 'swf_alerts_open' && s.labels.kind === 'trunk-registration')?.value).toBe(1);

    const back = Date.now();
    registrar = new SippRegistrar(port);
    await smtp.next((m) => /Resolved: trunk registration alert-prov$/.test(subjectOf(m)), mailsBefore);
    console.log(`[alerts test] resolution mailed ${Date.now() - back} ms after the registrar came back (Asterisk's retry_interval is ${RETRY_S} s here)`);
    expect(await status()).toBe('Registered');
    expect(await t.ok<{ open: unknown[] }>('/alerts')).toMatchObject({ open: [] });
    expect(trunkSample(await scrape())?.value).toBe(1);
  });

  it('opens "publish refused" when Asterisk refuses a publish, and resolves it with the next one that applies', async () => {
    const mailsBefore = smtp.mails.length;
    await t.ok('/extensions', { method: 'POST', json: { id: '1777', name: 'Alert test' } });
    breakNextPublish = true;
    const refused = await t.api('/publish', { method: 'POST' });
    breakNextPublish = false;
    expect(refused.status).toBe(502);
    const mail = await smtp.next((m) => /Alert: publish$/.test(subjectOf(m)), mailsBefore);
    expect(mail.raw).toContain('extensions.conf');
    const open = await t.ok<{ open: { kind: string; text: { de: string; en: string } }[] }>('/alerts');
    expect(open.open).toEqual([expect.objectContaining({ kind: 'publish-refused' })]);
    expect(open.open[0]!.text.de).toMatch(/^Asterisk hat eine Veröffentlichung abgelehnt \([0-9a-f-]+\); die vorige Konfiguration läuft weiter: .*extensions\.conf/);
    expect(open.open[0]!.text.en).toMatch(/^Asterisk refused a publish \([0-9a-f-]+\); the previous configuration still runs: .*extensions\.conf/);

    await t.ok('/publish', { method: 'POST' });
    await smtp.next((m) => /Resolved: publish$/.test(subjectOf(m)), mailsBefore);
    expect(await t.ok<{ open: unknown[] }>('/alerts')).toMatchObject({ open: [] });
    const counts = (await scrape()).filter((s) => s.name === 'swf_publish_duration_seconds_count');
    expect(counts.find((s) => s.labels.outcome === 'refused')?.value).toBe(1);
    expect(counts.find((s) => s.labels.outcome === 'ok')?.value).toBeGreaterThanOrEqual(2);
  });
});
