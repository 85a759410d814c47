/**
 * Voicemail by mail on the real local Asterisk (issue #18): a sipp phone calls a flow that sends it
 * to a voicemail box, speaks (a 440 Hz tone as RTP) and hangs up; Asterisk's mailcmd hands the
 * message to the server, which mails it through a real SMTP server on loopback (npm smtp-server).
 * The test parses the mail (mailparser), decodes the attachment and measures it with sox. A relay
 * that refuses the recipient at first: the mail is retried, the alert opens and resolves once it is accepted,
 * and the voicemail stays. Delete-after-mail: the message leaves the box and MWI says so. A
 * message left while the server is down is mailed when it starts.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { amiAction } from '../../apps/server/src/asterisk/ami.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../apps/server/src/alerts/smtp-sink.fixture.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, localAmi, serverAsteriskEnv, stateFilePath } from '../support/local-asterisk.js';
import { sippCallAndHangUp } from './sipp.js';

const availability = await detectAsterisk();

const CALLER = { id: '1460', secret: 'Vm-Caller-Secret-2026!x' };
/**
 * How long the phone stays on the line after the answer: the greeting and the beep (12 s of German
 * prompts), then the message (more than 2 s, see expectTheMessage). 16 s left a message of 1.44 s
 * once, two calls at once on the machine at load 44: the greeting lagged 1.5 s behind.
 */
const HOLD_MS = 18_000;

const voicemailFlow = (id: string, number: string, mailbox: string) => ({
  schemaVersion: 1,
  id,
  name: `Voicemail ${mailbox}`,
  deployment: 'dialplan',
  nodes: [
    { id: 'start', type: 'Start', params: { number } },
    { id: 'vm', type: 'Voicemail', params: { mailbox } },
  ],
  edges: [{ from: 'start', output: 'next', to: 'vm' }],
});

/** Seconds of audio in a file (sox). */
function seconds(file: string): number {
  return Number(execFileSync('soxi', ['-D', file], { encoding: 'utf8' }).trim());
}

describeWithAsterisk(availability, 'voicemail by mail on the real Asterisk', (asterisk) => {
  const state = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
  const spool = join(asterisk.asteriskRoot!, 'var/spool/asterisk');
  let t: TestServer;
  let smtp: SmtpSink;
  let dir: string;
  let restoreFiles: (() => Promise<void>) | undefined;

  const inbox = (box: string) => {
    const folder = join(spool, 'voicemail/default', box, 'INBOX');
    return existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith('.wav')) : [];
  };
  /** The open voicemail-mail alerts (others, such as low disk space on this machine, are not this test's). */
  const mailAlerts = async () =>
    (await t.ok<{ open: { kind: string; subject: string; text: { en: string } }[] }>('/alerts')).open.filter((a) => a.kind === 'voicemail-mail');
  const mailTo = (address: string, from = 0): Promise<ReceivedMail> => smtp.next((m) => m.to.includes(address), from);
  /** The mail parsed; its one attachment written to `dir` for sox. */
  const parse = async (mail: ReceivedMail, name: string): Promise<{ parsed: ParsedMail; file: string }> => {
    const parsed = await simpleParser(mail.raw);
    expect(parsed.attachments).toHaveLength(1);
    const file = join(dir, name);
    writeFileSync(file, parsed.attachments[0]!.content);
    return { parsed, file };
  };
  /**
   * The attachment against what was sent: the phone sent the tone from the answer to its hang-up,
   * and the recording began after the greeting and the beep, at the time in the attachment's name
   * (Asterisk's origtime, whole seconds). So the message is the time from then to the hang-up
   * (up to a second more, as origtime is cut to the second), and the mail's m:ss is its length
   * rounded (MP3 adds some tens of ms of encoder padding). Returns sox's figures.
   */
  const expectTheMessage = (file: string, filename: string, hungUpAt: number, mailDuration: number) => {
    const length = seconds(file);
    const stamp = /-(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)\.\w+$/.exec(filename)!.slice(1).map(Number);
    const recordingFrom = Date.UTC(stamp[0]!, stamp[1]! - 1, stamp[2]!, stamp[3]!, stamp[4]!, stamp[5]!);
    const sent = (hungUpAt - recordingFrom) / 1000;
    expect(length).toBeGreaterThan(2);
    expect(sent - length).toBeGreaterThan(-0.5);
    expect(sent - length).toBeLessThan(1.5);
    expect(Math.abs(length - mailDuration)).toBeLessThan(0.6);
    // sox prints `stat` on stderr.
    const stat = spawnSync('sox', [file, '-n', 'stat'], { encoding: 'utf8' }).stderr;
    return { length, sent, stat };
  };

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
    rmSync(join(spool, 'voicemail/default/1461'), { recursive: true, force: true });
    rmSync(join(spool, 'voicemail/default/1462'), { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'swf-vm-mail-'));
    smtp = await startSmtpSink('pbx', 'smtp-secret-vm');
    // Retries within a second (the product: from 1 min); the spool is looked at every 250 ms besides its watch.
    t = await startTestServer(serverAsteriskEnv(), {
      ariRuntime: false,
      voicemailMail: { retry: { firstMs: 500, maxMs: 1000, attempts: 20 }, intervalMs: 250, timeZone: 'Europe/Berlin' },
    });
    await t.ok('/alerts/settings', {
      method: 'PUT',
      json: { smtp: { enabled: true, host: '127.0.0.1', port: smtp.port, tls: 'none', user: 'pbx', password: 'smtp-secret-vm', from: 'pbx@example.com', recipients: [{ address: 'ops@example.com', language: 'en' }] }, quietMinutes: 0 },
    });
    await t.ok('/extensions', { method: 'POST', json: { id: CALLER.id, name: 'Anrufer', secret: CALLER.secret } }, 201);
    await t.ok('/extensions', {
      method: 'POST',
      json: { id: '1461', name: 'Anna Mail', voicemail: { enabled: true, pin: '4711', email: 'anna@example.com', attachment: 'mp3', deleteAfterMail: true } },
    }, 201);
    await t.ok('/extensions', {
      method: 'POST',
      json: { id: '1462', name: 'Bert Retry', voicemail: { enabled: true, pin: '4712', email: 'bert@example.com', mailLanguage: 'en' } },
    }, 201);
    for (const [id, number, box] of [['vm-mail-1461', '7461', '1461'], ['vm-mail-1462', '7462', '1462']] as const) {
      await t.ok('/flows', { method: 'POST', json: voicemailFlow(id, number, box) }, 201);
      await t.ok(`/flows/${id}/versions`, { method: 'POST' }, 201);
    }
    await t.ok('/publish', { method: 'POST' });
  });

  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await restoreFiles?.();
  });

  // The first two cases run at once (a 16 s call each), each with a box, a recipient and a flow of
  // its own: the relay refuses only the second one's recipient, so the first's mail goes out and
  // raises no alert.
  it.concurrent('mails a message as MP3 in German with caller, time and duration; delete-after-mail empties the box and MWI follows', async ({ expect }) => {
    const waiting = mailTo('anna@example.com');
    const call = await sippCallAndHangUp(state.sipPort, CALLER.id, CALLER.secret, '7461', HOLD_MS);
    const hungUpAt = Date.now();
    expect(call.status, call.output).toBe(0);
    const mail = await waiting;
    expect(mail.user).toBe('pbx');
    const { parsed, file } = await parse(mail, 'anna.mp3');
    expect(parsed.from?.text).toBe('pbx@example.com');
    expect(parsed.subject).toMatch(/^Neue Sprachnachricht von Anrufer \(1460\) \(0:\d\d\)$/);
    expect(parsed.text).toContain('Neue Sprachnachricht in der Mailbox 1461 (Anna Mail).');
    expect(parsed.text).toMatch(/Zeit: {4}\w+, \d{1,2}\. \w+ \d{4} um \d\d:\d\d \(Europe\/Berlin\)/);
    expect(parsed.attachments[0]!.contentType).toBe('audio/mpeg');
    expect(parsed.attachments[0]!.filename).toMatch(/^voicemail-1461-\d{8}T\d{6}\.mp3$/);
    const duration = Number(/Dauer: {3}0:(\d\d) min/.exec(parsed.text ?? '')?.[1]);
    const { stat } = expectTheMessage(file, parsed.attachments[0]!.filename!, hungUpAt, duration);
    // What the phone sent: the 440 Hz tone (sox's rough frequency of the whole message).
    expect(Number(/Rough\s+frequency:\s+(\d+)/.exec(stat)?.[1])).toBeGreaterThan(400);
    expect(Number(/Rough\s+frequency:\s+(\d+)/.exec(stat)?.[1])).toBeLessThan(480);
    // Delete after mail: Asterisk removed the message, and its mailbox state (what MWI tells the phones) says 0 new.
    await vi.waitFor(() => expect(inbox('1461')).toEqual([]), { timeout: 10_000, interval: 200 });
    const count = await amiAction(localAmi(), { Action: 'MailboxCount', Mailbox: '1461@default' });
    expect(count.find((p) => p.Response === 'Success')).toMatchObject({ NewMessages: '0' });
  });

  it.concurrent('retries while the relay refuses: the alert opens, the mail goes out once it accepts, the alert resolves and the message stays', async ({ expect }) => {
    smtp.refusingTo = ['bert@example.com'];
    const from = smtp.mails.length;
    const call = await sippCallAndHangUp(state.sipPort, CALLER.id, CALLER.secret, '7462', HOLD_MS);
    const hungUpAt = Date.now();
    expect(call.status, call.output).toBe(0);
    await vi.waitFor(async () => expect(await mailAlerts()).toEqual([expect.objectContaining({ kind: 'voicemail-mail', subject: '1462' })]), { timeout: 20_000, interval: 250 });
    await vi.waitFor(() => expect(smtp.refusals).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 100 });
    const alert = (await mailAlerts())[0]!;
    expect(alert.text.en).toMatch(/^voicemail of box 1462 cannot be mailed; the messages stay in the box and are retried: .*451/);
    expect(inbox('1462')).toHaveLength(1);

    const waiting = mailTo('bert@example.com', from);
    smtp.refusingTo = [];
    const mail = await waiting;
    const { parsed, file } = await parse(mail, 'bert.wav');
    expect(parsed.subject).toMatch(/^New voicemail from Anrufer \(1460\) \(0:\d\d\)$/);
    expect(parsed.attachments[0]!.contentType).toBe('audio/wav');
    expectTheMessage(file, parsed.attachments[0]!.filename!, hungUpAt, Number(/Duration: 0:(\d\d) min/.exec(parsed.text ?? '')?.[1]));
    await vi.waitFor(async () => expect(await mailAlerts()).toEqual([]), { timeout: 10_000, interval: 250 });
    const history = await t.ok<{ history: { kind: string; subject: string; resolvedAt: string | null }[] }>('/alerts');
    expect(history.history.find((a) => a.kind === 'voicemail-mail' && a.subject === '1462')?.resolvedAt).toEqual(expect.any(String));
    // Without delete-after-mail the message stays in the box.
    expect(inbox('1462')).toHaveLength(1);
  });

  it('loses no message while the server is down: the drop waits in the spool and is mailed after the start', async () => {
    const from = smtp.mails.length;
    const drops = join(spool, 'stumpfworks-mail/new');
    await t.restart(async () => {
      const call = await sippCallAndHangUp(state.sipPort, CALLER.id, CALLER.secret, '7462', HOLD_MS);
      expect(call.status, call.output).toBe(0);
      await vi.waitFor(() => expect(readdirSync(drops).filter((n) => n.endsWith('.drop'))).toHaveLength(1), { timeout: 10_000, interval: 100 });
    });
    const mail = await mailTo('bert@example.com', from);
    expect((await simpleParser(mail.raw)).attachments).toHaveLength(1);
    expect(readdirSync(drops).filter((n) => n.endsWith('.drop'))).toEqual([]);
    expect(inbox('1462')).toHaveLength(2);
  });
});
