import { existsSync, watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { AlertBook } from '../alerts/alert-book.js';
import { voicemailMailFailing } from '../alerts/conditions.js';
import { smtpTransport, type SmtpSettings } from '../alerts/mailer.js';
import { amiRunner, type AmiOptions, type AmiRunner } from '../asterisk/ami.js';
import type { Database } from '../db/tables.js';
import { getResource } from '../resources/resources.repository.js';
import { voicemailMail } from './mail-template.js';
import { eachBounded } from './bounded.js';
import { parseDrop, wavSeconds } from './message-files.js';
import { findMessage, messageMp3, messageWav, type StoredMessage } from './message-store.js';
import { dueMails, failingBoxes, insertDrop, markFailed, markSent, markSkipped, pruneMails, type VoicemailMailRow } from './outbox.repository.js';
import { DEFAULT_RETRY, retryDelayMs, type RetryPolicy } from './retry.js';

/** The outbox spool under Asterisk's spool: the mailcmd script (asterisk/conf/stumpfworks-vmnotify) drops into `new/`. */
export const OUTBOX_DIR = 'stumpfworks-mail';

/** A box's mail settings as the extension stores them (routes/extensions/extensions.schema.ts). */
interface MailboxBody {
  name: string;
  voicemail?: { enabled?: boolean; email?: string; attachment?: 'wav' | 'mp3' | 'none'; mailLanguage?: 'de' | 'en'; deleteAfterMail?: boolean };
}

export interface VoicemailMailerOptions {
  db: Kysely<Database>;
  /** Asterisk's spool as the server sees it (`<root>/var/spool/asterisk`; `/var/spool/asterisk` in Docker). */
  spool: string;
  /** For delete-after-mail: AMI VoicemailRemove and VoicemailRefresh. */
  ami: AmiOptions | AmiRunner;
  book: AlertBook;
  /** The product's one SMTP relay (the alert settings' smtp part), read at each attempt. */
  smtp: () => Promise<SmtpSettings>;
  /** The PBX's time zone for the mails (default: the server's, TZ). */
  timeZone?: string;
  retry?: RetryPolicy;
  /** How often the spool and the due retries are looked at besides the watch on `new/` (default 15 s). */
  intervalMs?: number;
  /** How many mails are handed to the SMTP server at once (default 4). */
  concurrency?: number;
  now?: () => Date;
  log: (line: string) => void;
}

/** How long the history of mails that ended is kept. */
const KEEP_DAYS = 30;
/** Mails handled per round; the next round takes the rest at once. */
const BATCH = 20;
/**
 * Mails on their way at once: several messages left at the same time (a queue's callers, a
 * forward to many boxes) need not wait for each other's SMTP dialogue, and a relay is not flooded.
 */
const CONCURRENCY = 4;

/**
 * Mails each new voicemail message (issue #18): Asterisk's mailcmd leaves a drop file in the
 * outbox spool; the mailer stores it as a pending mail in SQLite (then removes the drop: a
 * server stopped in between finds the drop again and stores it once), builds the mail from the
 * message's .txt and audio, and sends it through the SMTP relay with nodemailer. A failed attempt
 * is retried with a doubling delay (retry.ts; the schedule is in SQLite, so it survives a restart),
 * logged, and opens the alert `voicemail-mail:<box>`, which resolves once a mail of that box is
 * accepted. Up to four mails go out at once (CONCURRENCY). The voicemail stays in the box unless the box has delete-after-mail and the mail was
 * accepted: then AMI VoicemailRemove takes it out and VoicemailRefresh updates the phones' MWI.
 */
export class VoicemailMailer {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly options: VoicemailMailerOptions) {}

  private get newDir(): string {
    return join(this.options.spool, OUTBOX_DIR, 'new');
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.interval());
    this.kick();
  }

  /**
   * The watch makes a new message go out at once; the interval is the backstop (a watch on a
   * shared volume can miss events) and runs the retries when they are due. The folder is
   * Asterisk's to make (its user writes into it; asterisk.sh and the container's entrypoint make
   * it): until it exists, the interval alone looks.
   */
  private watchNew(): void {
    if (this.watcher || !existsSync(this.newDir)) return;
    this.watcher = watch(this.newDir, () => this.kick());
    this.watcher.on('error', (error) => {
      this.options.log(`[voicemail-mail] watching ${this.newDir} failed: ${error.message}; the ${this.interval() / 1000} s scan goes on`);
      this.watcher?.close();
      this.watcher = undefined;
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.watcher?.close();
    clearInterval(this.timer);
    await this.running;
  }

  private interval(): number {
    return this.options.intervalMs ?? 15_000;
  }

  /** Looks at the spool and the due mails now (also after "retry now"); one round at a time, a kick during a round runs one more after it. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round()
      .catch((error: Error) => this.options.log(`[voicemail-mail] a round failed: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async round(): Promise<void> {
    this.watchNew();
    await this.ingest();
    const due = await dueMails(this.options.db, this.now(), BATCH);
    await eachBounded(due, this.options.concurrency ?? CONCURRENCY, (row) => this.deliver(row));
    if (due.length === BATCH) this.again = true;
    await pruneMails(this.options.db, new Date(this.now().getTime() - KEEP_DAYS * 86_400_000));
  }

  /** Stores every drop in `new/` and removes it; an unreadable drop is moved to `bad/` (kept for a person to look at). */
  private async ingest(): Promise<void> {
    const { db, log } = this.options;
    if (!existsSync(this.newDir)) return;
    const names = (await readdir(this.newDir)).filter((n) => n.endsWith('.drop')).sort();
    for (const name of names) {
      const path = join(this.newDir, name);
      // Gone since the listing: another server on the same spool took it (not a setup we support, but no reason to stop).
      const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
      if (text === undefined) continue;
      const drop = parseDrop(text);
      if ('problem' in drop) {
        const bad = join(this.options.spool, OUTBOX_DIR, 'bad');
        await mkdir(bad, { recursive: true });
        await rename(path, join(bad, name));
        log(`[voicemail-mail] the drop ${name} is unusable (${drop.problem}); moved to ${bad}`);
        continue;
      }
      await insertDrop(db, drop, this.now());
      await unlink(path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
      log(`[voicemail-mail] new message ${drop.msgId} in box ${drop.mailbox}@${drop.context}`);
    }
  }

  private async deliver(row: VoicemailMailRow): Promise<void> {
    const { db, log } = this.options;
    const extension = row.context === 'default' ? await getResource<MailboxBody>(db, 'extension', row.mailbox) : undefined;
    const box = extension?.body.voicemail;
    const address = box?.enabled ? box.email : undefined;
    if (!extension || !box || !address) return this.skip(row, `box ${row.mailbox}@${row.context} has no email address (any more)`);
    let message: StoredMessage | undefined;
    let wav: Buffer;
    try {
      message = await findMessage(this.options.spool, row.context, row.mailbox, row.msg_id);
      if (!message) return this.skip(row, `message ${row.msg_id} is no longer in box ${row.mailbox} (deleted before it was mailed)`);
      wav = await messageWav(message);
    } catch (error) {
      return this.fail(row, `the message could not be read: ${(error as Error).message}`);
    }

    const attachment = box.attachment ?? 'wav';
    const filename = attachment === 'none' ? undefined : `voicemail-${row.mailbox}-${message.info.time.toISOString().replace(/[-:]/g, '').slice(0, 15)}.${attachment}`;
    const seconds = wavSeconds(wav);
    const info = seconds === undefined ? message.info : { ...message.info, durationSeconds: Math.round(seconds) };
    const text = voicemailMail(
      { message: info, mailbox: { id: row.mailbox, name: extension.body.name }, timeZone: this.timeZone(), ...(filename ? { attachment: filename } : {}) },
      box.mailLanguage ?? 'de',
    );
    const smtp = await this.options.smtp();
    if (!smtp.enabled || smtp.host === '' || smtp.from === '') return this.fail(row, 'no SMTP server is set up (Alerts: mail settings)');
    let accepted: string[];
    try {
      const content = attachment === 'none' ? undefined : attachment === 'wav' ? wav : await messageMp3(message);
      const transport = smtpTransport(smtp);
      try {
        const answer = await transport.sendMail({
          from: smtp.from,
          to: address,
          subject: text.subject,
          text: text.text,
          ...(content && filename ? { attachments: [{ filename, content, contentType: attachment === 'mp3' ? 'audio/mpeg' : 'audio/wav' }] } : {}),
        });
        accepted = (answer.accepted ?? []).map(String);
      } finally {
        transport.close();
      }
    } catch (error) {
      return this.fail(row, (error as Error).message);
    }
    if (accepted.length === 0) return this.fail(row, `the SMTP server accepted no recipient (${address})`);
    await markSent(db, row.id, this.now());
    log(`[voicemail-mail] mailed message ${row.msg_id} of box ${row.mailbox} to ${accepted.join(', ')}`);
    await this.observeAlerts();
    if (box.deleteAfterMail && attachment !== 'none') await this.remove(row, message);
  }

  /** Delete after mail: Asterisk removes the message (renumbering the folder) and tells the phones. */
  private async remove(row: VoicemailMailRow, message: StoredMessage): Promise<void> {
    const run = amiRunner(this.options.ami);
    try {
      const removed = await run({ Action: 'VoicemailRemove', Context: row.context, Mailbox: row.mailbox, Folder: message.folder, ID: row.msg_id });
      // Asterisk answers Success either way; only its message tells whether the message went.
      const answer = removed.find((p) => p.Response);
      if (answer?.Response !== 'Success' || !/successful/i.test(answer.Message ?? '')) throw new Error(answer?.Message ?? 'no answer');
      await run({ Action: 'VoicemailRefresh', Context: row.context, Mailbox: row.mailbox });
      this.options.log(`[voicemail-mail] removed message ${row.msg_id} from box ${row.mailbox} after mailing it`);
    } catch (error) {
      // The mail went out: the message stays in the box, which loses nothing.
      this.options.log(`[voicemail-mail] message ${row.msg_id} of box ${row.mailbox} was mailed but could not be removed: ${(error as Error).message}`);
    }
  }

  private async fail(row: VoicemailMailRow, error: string): Promise<void> {
    const failed = row.attempts + 1;
    const delay = retryDelayMs(failed, this.options.retry ?? DEFAULT_RETRY);
    const now = this.now();
    const next = delay === undefined ? undefined : new Date(now.getTime() + delay);
    await markFailed(this.options.db, row.id, now, error, next);
    this.options.log(
      `[voicemail-mail] mail of message ${row.msg_id} (box ${row.mailbox}) failed, attempt ${failed}: ${error}; ${next ? `next attempt at ${next.toISOString()}` : 'given up (the message stays in the box)'}`,
    );
    await this.observeAlerts();
  }

  private async skip(row: VoicemailMailRow, reason: string): Promise<void> {
    await markSkipped(this.options.db, row.id, reason);
    this.options.log(`[voicemail-mail] nothing to mail: ${reason}`);
  }

  /** After a change on the outbox page: the alerts follow (a discarded mail no longer fails) and the due mails go out. */
  async outboxChanged(): Promise<void> {
    await this.observeAlerts();
    this.kick();
  }

  private async observeAlerts(): Promise<void> {
    const failing = await failingBoxes(this.options.db);
    await this.options.book.observe('voicemail-mail', failing.map((f) => voicemailMailFailing(f.mailbox, f.error)));
  }

  private timeZone(): string {
    return this.options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  }
}
