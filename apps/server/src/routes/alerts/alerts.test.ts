import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, subjectOf, type SmtpSink } from '../../alerts/smtp-sink.fixture.js';
import { parseMetrics } from '../../alerts/metrics-text.js';
import type { SecurityEvent } from '../../security/security-event.js';
import { must, startTestServer, type TestServer } from '../../testing.js';

/** A real server (no Asterisk) and a real SMTP server on loopback: the settings, the test mail, an alert's mails, /metrics. */
describe('/alerts, /alerts/settings and /metrics', () => {
  let t: TestServer;
  let smtp: SmtpSink;
  let operator: string;
  const smtpSettings = () => ({
    enabled: true,
    host: '127.0.0.1',
    port: smtp.port,
    tls: 'none' as const,
    user: 'pbx',
    password: 'smtp-secret-1',
    from: 'pbx@example.com',
    recipients: [
      { address: 'admin@example.com', language: 'de' as const },
      { address: 'ops@example.com', language: 'en' as const },
    ],
  });

  beforeAll(async () => {
    smtp = await startSmtpSink('pbx', 'smtp-secret-1');
    // The sources are read every 100 ms here (15 s in the product).
    t = await startTestServer({}, { alerts: { intervalMs: 100 } });
    operator = (await must<{ token: string }>(t.api('/tokens', { method: 'POST', json: { name: 'scraper', role: 'operator' } }), 'an operator token', 201)).token;
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });
  const asOperator = (path: string) => fetch(`${t.server.url}${path}`, { headers: { authorization: `Bearer ${operator}` } });

  it('lets an operator read the alerts, not the settings', async () => {
    const alerts = await asOperator('/api/v1/alerts');
    expect(alerts.status).toBe(200);
    expect(await alerts.json()).toEqual({ open: [], history: [] });
    expect((await asOperator('/api/v1/alerts/settings')).status).toBe(403);
  });

  it('stores the SMTP settings and never shows the password', async () => {
    const saved = await t.ok<{ smtp: Record<string, unknown> }>('/alerts/settings', { method: 'PUT', json: { smtp: smtpSettings() } });
    expect(saved.smtp).toMatchObject({ host: '127.0.0.1', passwordSet: true });
    expect(saved.smtp).not.toHaveProperty('password');
    const kept = await t.ok<{ smtp: Record<string, unknown> }>('/alerts/settings', { method: 'PUT', json: { smtp: { ...smtpSettings(), password: undefined } } });
    expect(kept.smtp.passwordSet).toBe(true);
    expect(JSON.stringify(await t.ok('/alerts/settings'))).not.toContain('smtp-secret-1');
  });

  it('refuses mails switched on without a server and sender, with field paths', async () => {
    const refused = await t.api('/alerts/settings', { method: 'PUT', headers: { 'accept-language': 'de' }, json: { smtp: { enabled: true } } });
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: { issues: { path: string; message: string }[] } };
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['smtp.from', 'smtp.host']);
    expect(body.error.issues[0]!.message).toContain('Nötig');
  });

  it('takes the relay without alert recipients (voicemail mail goes to the mailboxes\' addresses)', async () => {
    const saved = await t.ok<{ smtp: { enabled: boolean; recipients: unknown[] } }>('/alerts/settings', { method: 'PUT', json: { smtp: { ...smtpSettings(), recipients: [] } } });
    expect(saved.smtp).toMatchObject({ enabled: true, recipients: [] });
    await t.ok('/alerts/settings', { method: 'PUT', json: { smtp: smtpSettings() } });
  });

  it('sends a real test mail, one per recipient language, through the SMTP login', async () => {
    const sent = await t.ok<{ accepted: string[] }>('/alerts/settings/test', { method: 'POST', json: { smtp: { ...smtpSettings(), password: undefined } } });
    expect(sent.accepted.sort()).toEqual(['admin@example.com', 'ops@example.com']);
    const de = await smtp.next((m) => m.to.includes('admin@example.com'));
    expect(de).toMatchObject({ from: 'pbx@example.com', user: 'pbx' });
    expect(subjectOf(de)).toMatch(/Test-E-Mail$/);
    expect(subjectOf(await smtp.next((m) => m.to.includes('ops@example.com')))).toMatch(/Test mail$/);
  });

  it('reports the SMTP server\'s refusal in the caller\'s language', async () => {
    const wrong = await t.api('/alerts/settings/test', { method: 'POST', headers: { 'accept-language': 'de' }, json: { smtp: { ...smtpSettings(), password: 'wrong' } } });
    expect(wrong.status).toBe(502);
    const body = (await wrong.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('mail-failed');
    expect(body.error.message).toMatch(/^Die Test-E-Mail ging nicht hinaus; der SMTP-Server 127\.0\.0\.1:\d+ meldet: .*535/);
    const closed = await t.api('/alerts/settings/test', { method: 'POST', json: { smtp: { ...smtpSettings(), port: 1 } } });
    expect(((await closed.json()) as { error: { message: string } }).error.message).toMatch(/^the test mail did not go out; .*ECONNREFUSED/);
  });

  it('opens a low-disk alert, mails it, shows it, counts it in /metrics, and mails its resolution', async () => {
    // No disk is this full: the threshold is raised over the real free space of DATA_DIR.
    await t.ok('/alerts/settings', { method: 'PUT', json: { smtp: { ...smtpSettings(), password: undefined }, diskMinFreeMb: 10_000_000 } });
    const opened = await smtp.next((m) => m.to.includes('ops@example.com') && /Alert: disk space/.test(subjectOf(m)));
    expect(opened.raw).toContain(t.dataDir);
    const alerts = await t.ok<{ open: { kind: string; subject: string; text: { de: string; en: string } }[] }>('/alerts');
    expect(alerts.open).toEqual([expect.objectContaining({ kind: 'disk-low', subject: t.dataDir })]);
    expect(alerts.open[0]!.text.de).toContain('Wenig freier Speicher');

    expect((await fetch(`${t.server.url}/metrics`)).status).toBe(401);
    const scraped = await asOperator('/metrics');
    expect(scraped.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const samples = parseMetrics(await scraped.text());
    expect(samples.find((s) => s.name === 'swf_alerts_open' && s.labels.kind === 'disk-low')?.value).toBe(1);
    expect(samples.find((s) => s.name === 'swf_asterisk_up')?.value).toBe(0);

    await t.ok('/alerts/settings', { method: 'PUT', json: { smtp: { ...smtpSettings(), password: undefined }, diskMinFreeMb: 1 } });
    const resolved = await smtp.next((m) => m.to.includes('admin@example.com') && /Behoben: Speicherplatz/.test(subjectOf(m)));
    expect(resolved.raw).toContain(t.dataDir);
    const after = await t.ok<{ open: unknown[]; history: { resolvedAt?: string }[] }>('/alerts');
    expect(after.open).toEqual([]);
    expect(after.history[0]!.resolvedAt).toEqual(expect.any(String));
  });

  it('opens "repeated bans" when the SIP guard bans enough addresses within the window', async () => {
    const mailsBefore = smtp.mails.length;
    await t.ok('/settings/security', { method: 'PUT', json: { maxFailures: 2, maxFailuresRegistered: 2, allowlist: [] } });
    await t.ok('/alerts/settings', { method: 'PUT', json: { smtp: { ...smtpSettings(), password: undefined }, bansCount: 2, bansWindowMinutes: 10 } });
    const wrong = (address: string): SecurityEvent => ({ kind: 'failure', event: 'ChallengeResponseFailed', address, account: '1002', session: 'c1', time: Date.now() });
    for (const address of ['203.0.113.7', '203.0.113.8']) for (let i = 0; i < 2; i++) await t.server.security.guard.handle(wrong(address));
    const mail = await smtp.next((m) => m.to.includes('ops@example.com') && /Alert: SIP bans$/.test(subjectOf(m)), mailsBefore);
    expect(mail.raw).toContain('2 SIP bans in the last 10 minutes');
    const alerts = await t.ok<{ open: { kind: string }[] }>('/alerts');
    expect(alerts.open.map((a) => a.kind)).toContain('repeated-bans');
    const samples = parseMetrics(await (await asOperator('/metrics')).text());
    expect(samples.find((s) => s.name === 'swf_bans_active')?.value).toBe(2);
  });
});
