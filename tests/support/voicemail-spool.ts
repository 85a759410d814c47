/**
 * The voicemail spool of the test Asterisk's root, for the backup and restore suites: kept aside
 * and put back around a suite, one message put into a mailbox as app_voicemail stores it, and what
 * Asterisk counts.
 */
import { chownSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { amiAction } from '../../apps/server/src/asterisk/ami.js';
import { asteriskGid, localAmi } from './local-asterisk.js';

/** What Asterisk counts in a mailbox of context `default` (AMI VoicemailUsersList), or undefined when it has no such box. */
export async function newMessages(mailbox: string): Promise<number | undefined> {
  const packets = await amiAction(localAmi(), { Action: 'VoicemailUsersList' });
  const entry = packets.find((p) => p.Event === 'VoicemailUserEntry' && p.VMContext === 'default' && p.VoiceMailbox === mailbox);
  return entry ? Number(entry.NewMessageCount) : undefined;
}

/** The numeric uid of the root's `asterisk` user. */
export function asteriskUid(root: string): number {
  const line = readFileSync(join(root, 'etc/passwd'), 'utf8').split('\n').find((l) => l.startsWith('asterisk:'));
  if (!line) throw new Error(`${root}/etc/passwd has no asterisk user`);
  return Number(line.split(':')[2]);
}

/** The root's voicemail spool. */
export const spoolOf = (root: string) => join(root, 'var/spool/asterisk/voicemail');

/** Gives paths to Asterisk's user and group, as its own files are. */
function ownToAsterisk(root: string, paths: readonly string[]): void {
  const uid = asteriskUid(root);
  const gid = asteriskGid(root);
  for (const path of paths) chownSync(path, uid, gid);
}

/**
 * Copies the spool into `work` (a suite's temp dir) and returns what puts it back as it was, owned
 * by Asterisk again (the suite's afterAll calls it before it removes `work`).
 */
export function keepVoicemailSpool(root: string, work: string): () => void {
  const spool = spoolOf(root);
  const kept = join(work, 'kept-voicemail');
  if (existsSync(spool)) cpSync(spool, kept, { recursive: true, preserveTimestamps: true });
  return () => {
    rmSync(spool, { recursive: true, force: true });
    if (!existsSync(kept)) return;
    cpSync(kept, spool, { recursive: true, preserveTimestamps: true });
    ownToAsterisk(root, ['', ...readdirSync(spool, { recursive: true }).map(String)].map((path) => join(spool, path)));
  };
}

/** Puts message 0 into the mailbox's INBOX as app_voicemail stores one (its .txt and its audio), from 1793. Returns the INBOX. */
export function putVoicemailMessage(root: string, mailbox: string, audio: Buffer): string {
  const spool = spoolOf(root);
  const inbox = join(spool, 'default', mailbox, 'INBOX');
  mkdirSync(inbox, { recursive: true });
  const now = Math.floor(Date.now() / 1000);
  writeFileSync(join(inbox, 'msg0000.txt'), `;\n; Message Information file\n;\n[message]\norigmailbox=${mailbox}\ncontext=stumpfworks-internal\nexten=${mailbox}\ncallerid="Anna" <1793>\norigtime=${now}\nmsg_id=${now}-00000000\nduration=1\n`);
  writeFileSync(join(inbox, 'msg0000.wav'), audio);
  ownToAsterisk(root, [spool, join(spool, 'default'), join(spool, 'default', mailbox), inbox, join(inbox, 'msg0000.txt'), join(inbox, 'msg0000.wav')]);
  return inbox;
}
