import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { AlertBook } from '../alerts/alert-book.js';
import { alertHistory, openAlerts } from '../alerts/alerts.repository.js';
import { StoredAlertSettingsSchema } from '../alerts/alert-settings.js';
import { startSmtpSink, type SmtpSink } from '../alerts/smtp-sink.fixture.js';
import type { AmiPacket } from '../asterisk/ami.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import type { Database } from '../db/tables.js';
import { insertResource } from '../resources/resources.repository.js';
import { describeWithTools } from '../testing-tools.js';
import { OUTBOX_DIR, VoicemailMailer } from './voicemail-mailer.js';

// A real SMTP server and real files; Asterisk's side (the drop, the message files, AMI) is played by the test.
describeWithTools(['sox'], 'VoicemailMailer', () => {
  let dir: string;
  let spool: string;
  let db: Kysely<Database>;
  let smtp: SmtpSink;
  let book: AlertBook;
  let amiActions: Record<string, string>[];
  const mailers: VoicemailMailer[] = [];
  const log: string[] = [];

  const start = () => {
    const mailer = new VoicemailMailer({
      db,
      spool,
      ami: async (action): Promise<AmiPacket[]> => {
        amiActions.push(action);
        return [{ Response: 'Success', Message: action.Action === 'VoicemailRemove' ? 'Message remove successful' : 'Refresh sent' }];
      },
      book,
      smtp: async () =>
        StoredAlertSettingsSchema.parse({
          smtp: { enabled: true, host: '127.0.0.1', port: smtp.port, tls: 'none', user: 'pbx', password: 'pw', from: 'pbx@example.com', recipients: [{ address: 'ops@example.com' }] },
        }).smtp,
      timeZone: 'Europe/Berlin',
      retry: { firstMs: 100, maxMs: 200, attempts: 50 },
      intervalMs: 50,
      log: (line) => log.push(line),
    });
    mailers.push(mailer);
    mailer.start();
    return mailer;
  };

  /** What Asterisk leaves: msgNNNN.{txt,wav} in the box (the .txt's duration a second short, as Asterisk writes it), and the mailcmd script's drop. */
  const leaveMessage = (box: string, msgnum: number, msgId: string, seconds: number) => {
    const folder = join(spool, 'voicemail/default', box, 'INBOX');
    mkdirSync(folder, { recursive: true });
    const base = join(folder, `msg${String(msgnum).padStart(4, '0')}`);
    writeFileSync(`${base}.txt`, `;\n[message]\norigmailbox=${box}\ncallerid="Müller, Anna" <0301234>\norigtime=1796625612\nmsg_id=${msgId}\nduration=${seconds - 1}\n`);
    execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', `${base}.wav`, 'synth', String(seconds), 'sine', '440']);
    const drop = join(spool, OUTBOX_DIR, 'new', `${msgId}.drop`);
    writeFileSync(drop, `context=default\nmailbox=${box}\nfolder=INBOX\nmsgnum=${msgnum}\nmsg_id=${msgId}\n`);
    return base;
  };
  const listMails = () => db.selectFrom('voicemail_mails').selectAll().orderBy('received_at').execute();
  const box = (id: string, voicemail: Record<string, unknown>) => insertResource(db, 'extension', id, { id, name: `Box ${id}`, voicemail: { enabled: true, pin: '1234', ...voicemail } });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swf-vm-mailer-'));
    spool = join(dir, 'spool');
    mkdirSync(join(spool, OUTBOX_DIR, 'new'), { recursive: true });
    db = openDatabase(dir);
    await migrateToLatest(db);
    smtp = await startSmtpSink('pbx', 'pw');
    book = new AlertBook({ db, quietMinutes: async () => 0, mailing: async () => false, notify: async () => undefined, log: () => undefined });
    amiActions = [];
    log.length = 0;
  });
  afterEach(async () => {
    for (const m of mailers.splice(0)) await m.stop();
    await book.settled();
    await smtp.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('mails a dropped message with the WAV attached, removes the drop and keeps the message', async () => {
    await box('1001', { email: 'anna@example.com' });
    const base = leaveMessage('1001', 0, '1796625612-00000001', 2);
    start();
    const mail = await smtp.next((m) => m.to.includes('anna@example.com'));
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe('Neue Sprachnachricht von Müller, Anna (0301234) (0:02)');
    expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([['voicemail-1001-20261207T064012.wav', 'audio/wav']]);
    await vi.waitFor(async () => expect((await listMails()).map((r) => [r.state, r.attempts])).toEqual([['sent', 1]]));
    expect(readdirSync(join(spool, OUTBOX_DIR, 'new'))).toEqual([]);
    expect(existsSync(`${base}.wav`)).toBe(true);
    expect(amiActions).toEqual([]);
  });

  it('finds the message by its msg_id after the folder was renumbered, converts to MP3 and removes it over AMI after the mail', async () => {
    await box('1002', { email: 'bert@example.com', attachment: 'mp3', deleteAfterMail: true, mailLanguage: 'en' });
    const base = leaveMessage('1002', 3, '1796625612-00000002', 3);
    // The user moved it to Old as msg0000 before the server got to it.
    mkdirSync(join(spool, 'voicemail/default/1002/Old'));
    for (const ext of ['txt', 'wav']) execFileSync('mv', [`${base}.${ext}`, join(spool, `voicemail/default/1002/Old/msg0000.${ext}`)]);
    start();
    const parsed = await simpleParser((await smtp.next((m) => m.to.includes('bert@example.com'))).raw);
    expect(parsed.subject).toBe('New voicemail from Müller, Anna (0301234) (0:03)');
    const mp3 = join(dir, 'a.mp3');
    writeFileSync(mp3, parsed.attachments[0]!.content);
    expect(Math.abs(Number(execFileSync('soxi', ['-D', mp3], { encoding: 'utf8' })) - 3)).toBeLessThan(0.2);
    await vi.waitFor(() => expect(amiActions.map((a) => a.Action)).toEqual(['VoicemailRemove', 'VoicemailRefresh']));
    expect(amiActions[0]).toEqual({ Action: 'VoicemailRemove', Context: 'default', Mailbox: '1002', Folder: 'Old', ID: '1796625612-00000002' });
  });

  it('retries a refused mail on its schedule across a restart; the alert opens and resolves once the mail is accepted', async () => {
    await box('1003', { email: 'cleo@example.com' });
    leaveMessage('1003', 0, '1796625612-00000003', 1);
    smtp.refusing = true;
    const first = start();
    await vi.waitFor(async () => expect((await openAlerts(db, 'voicemail-mail')).map((a) => a.subject)).toEqual(['1003']));
    await vi.waitFor(() => expect(smtp.refusals).toBeGreaterThanOrEqual(2));
    await first.stop();
    const row = (await listMails())[0]!;
    expect(row).toMatchObject({ state: 'pending', last_error: expect.stringContaining('451') });
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    expect(Date.parse(row.next_attempt_at!)).toBeGreaterThan(Date.parse(row.last_attempt_at!));

    // A new server process on the same database: the pending mail is still due, and goes out once the relay accepts.
    smtp.refusing = false;
    start();
    await smtp.next((m) => m.to.includes('cleo@example.com'));
    await vi.waitFor(async () => expect(await openAlerts(db, 'voicemail-mail')).toEqual([]));
    expect((await alertHistory(db, 10)).filter((a) => a.kind === 'voicemail-mail').map((a) => a.resolved_at !== null)).toEqual([true]);
    expect((await listMails())[0]).toMatchObject({ state: 'sent', last_error: null });
  });

  it('hands up to four mails to a slow relay at once, and the rest as those finish', async () => {
    for (let n = 0; n < 6; n++) {
      await box(`110${n}`, { email: `box${n}@example.com` });
      leaveMessage(`110${n}`, 0, `1796625612-0000010${n}`, 1);
    }
    smtp.holding = true;
    start();
    await vi.waitFor(() => expect(smtp.inData).toBe(4));
    smtp.holding = false;
    await vi.waitFor(() => expect(smtp.mails).toHaveLength(6));
    expect(smtp.mostInData).toBe(4);
    await vi.waitFor(async () => expect((await listMails()).map((r) => r.state)).toEqual(Array(6).fill('sent')));
  });

  it('skips a message deleted before it was mailed (no alert), and keeps an unusable drop aside', async () => {
    await box('1004', { email: 'dora@example.com' });
    const base = leaveMessage('1004', 0, '1796625612-00000004', 1);
    rmSync(`${base}.txt`);
    writeFileSync(join(spool, OUTBOX_DIR, 'new', 'bad.drop'), 'context=default\nmailbox=../../x\n');
    start();
    await vi.waitFor(async () => expect((await listMails()).map((r) => r.state)).toEqual(['skipped']));
    expect(await openAlerts(db)).toEqual([]);
    await vi.waitFor(() => expect(readdirSync(join(spool, OUTBOX_DIR, 'bad'))).toEqual(['bad.drop']));
    expect(smtp.mails).toEqual([]);
  });
});
