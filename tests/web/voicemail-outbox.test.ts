/**
 * The voicemail mail outbox in headless Chromium against the real server, Asterisk and an SMTP
 * server on loopback (npm smtp-server) that refuses at first. The relay is set up without any
 * alert recipient: voicemail mail needs only the box's address. Two messages left over ARI
 * (VoiceMail() from a test context) wait in "Wird wiederholt" with the relay's 451 and the next
 * try; "Jetzt senden" sends one once the relay accepts (it moves to the ended ones as sent),
 * "Verwerfen" discards the other (the voicemail stays in its box). On the mailbox page the
 * temporary greeting is deleted.
 * Needs Debian chromium and a running Asterisk (asterisk.sh start + env); with CI=true a missing one fails.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../apps/server/src/alerts/smtp-sink.fixture.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { AriClient } from '../support/ari.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, serverAsteriskEnv, writeAndReload } from '../support/local-asterisk.js';
import { hasChromium, openWebSession, poll, type WebSession } from './harness.js';

const availability = hasChromium() ? await detectAsterisk() : ({ ok: false, reason: 'no Chromium' } as const);
const BOXES = ['3210', '3211'] as const;

const LEAVE_DIALPLAN = `
[swf-web-outbox]
exten => _leave.,1,Answer()
 same => n,VoiceMail(\${EXTEN:5}@default,s)
`;

describeWithAsterisk(availability, 'the voicemail mail outbox in Chromium', (asterisk) => {
  const spool = (box: string) => join(asterisk.asteriskRoot!, 'var/spool/asterisk/voicemail/default', box);
  let web: WebSession;
  let smtp: SmtpSink;
  let ari: AriClient;
  let restoreFiles: (() => Promise<void>) | undefined;

  /** A caller leaves a message in `box`: a sound played into VoiceMail() over ARI, then hang-up. */
  const leave = async (box: string) => {
    const since = ari.mark();
    const caller = await ari.originate({ endpoint: `Local/leave${box}@swf-web-outbox`, app: ari.app, callerId: 'Kunde <4930777>' });
    await ari.waitFor('StasisStart', (e) => e.channel.id === caller.id, { since });
    const playback = await ari.play(caller.id, 'sound:tt-weasels');
    await ari.waitFor('PlaybackFinished', (e) => e.playback.id === playback, { since });
    await ari.hangup(caller.id);
  };
  const inbox = (box: string) => (existsSync(join(spool(box), 'INBOX')) ? readdirSync(join(spool(box), 'INBOX')).filter((n) => n.endsWith('.wav')) : []);

  beforeAll(async () => {
    for (const box of BOXES) rmSync(spool(box), { recursive: true, force: true });
    restoreFiles = keepGeneratedFiles(asterisk, { ...GENERATED_FILES, 'extensions-test.conf': 'pbx_config.so' });
    smtp = await startSmtpSink('pbx', 'smtp-secret-outbox');
    smtp.refusing = true;
    // The first retry an hour away: the page's "retry now" is what sends it.
    web = await openWebSession(serverAsteriskEnv(), { ariRuntime: false, voicemailMail: { retry: { firstMs: 3_600_000, maxMs: 3_600_000, attempts: 5 }, intervalMs: 250 } });
    await web.server.ok('/alerts/settings', {
      method: 'PUT',
      json: { smtp: { enabled: true, host: '127.0.0.1', port: smtp.port, tls: 'none', user: 'pbx', password: 'smtp-secret-outbox', from: 'pbx@example.com', recipients: [] } },
    });
    for (const box of BOXES) {
      await web.server.ok('/extensions', { method: 'POST', json: { id: box, name: `Box ${box}`, voicemail: { enabled: true, pin: '250371', email: `box${box}@example.com` } } }, 201);
    }
    await web.server.ok('/publish', { method: 'POST' }, 200);
    await writeAndReload(asterisk, 'extensions-test.conf', LEAVE_DIALPLAN, 'pbx_config.so');
    ari = await AriClient.connect('swf-web-outbox-test', asterisk);
  });

  afterAll(async () => {
    await ari?.close();
    await web?.close();
    await smtp?.close();
    await restoreFiles?.();
    if (asterisk.asteriskRoot) for (const box of BOXES) rmSync(spool(box), { recursive: true, force: true });
  });

  it('shows the refused mails with the error and the next try; retry now sends one, discard drops the other; the temporary greeting is deleted on the mailbox page', async () => {
    await Promise.all(BOXES.map((box) => leave(box)));
    await poll(() => smtp.refusals).toBeGreaterThanOrEqual(2);
    const { page } = web;
    await page.goto(`${web.server.server.url}/dashboard`);
    await page.getByRole('navigation').getByRole('link', { name: 'Mail-Postausgang', exact: true }).click();
    const retrying = page.getByRole('table', { name: 'Wird wiederholt', exact: true });
    const ended = page.getByRole('table', { name: 'Zuletzt erledigt', exact: true });
    // The box's own cell (the second column), not a time that happens to hold its digits.
    const rowOf = (table: typeof retrying, box: string) => table.locator('tbody tr').filter({ has: page.locator('td:nth-child(2)', { hasText: box }) });
    await poll(() => rowOf(retrying, '3210').count()).toBe(1);
    await poll(() => rowOf(retrying, '3211').count()).toBe(1);
    const row = rowOf(retrying, '3210');
    expect(await row.textContent()).toContain('451');
    expect(await row.textContent()).toContain('wird wiederholt');
    await web.shot('62-voicemail-outbox');

    smtp.refusing = false;
    await row.getByRole('button', { name: 'Jetzt senden' }).click();
    const mail = await smtp.next((m) => m.to.includes('box3210@example.com'));
    expect(mail.raw).toContain('voicemail-3210-');
    await poll(() => rowOf(ended, '3210').textContent()).toContain('gesendet');

    await rowOf(retrying, '3211').getByRole('button', { name: 'Verwerfen' }).click();
    await poll(() => rowOf(ended, '3211').textContent()).toContain('verworfen');
    expect(await rowOf(retrying, '3211').count()).toBe(0);
    expect(smtp.mails.filter((m) => m.to.includes('box3211@example.com'))).toEqual([]);
    expect(inbox('3211')).toHaveLength(1);

    // The temporary greeting, set through the API, is removed on the mailbox page.
    await web.server.ok('/voicemail/3211/greetings/temporary/tts', { method: 'POST', json: { text: 'Ich bin bis Montag im Urlaub.', language: 'de' } });
    await page.getByRole('navigation').getByRole('link', { name: 'Mailboxen', exact: true }).click();
    await page.getByLabel('Mailbox', { exact: true }).selectOption('3211');
    const temporary = page.locator('tr[data-greeting="temporary"]');
    await poll(() => temporary.getAttribute('data-present')).toBe('true');
    await temporary.getByRole('button', { name: 'Löschen' }).click();
    await poll(() => temporary.getAttribute('data-present')).toBe('false');
    expect(existsSync(join(spool('3211'), 'temp.wav'))).toBe(false);
    expect(web.errors).toEqual([]);
  });
});
