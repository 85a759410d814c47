import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseMessageInfo, type MessageInfo } from './message-files.js';

const run = promisify(execFile);

/** A message found in its box: the folder it is in now, and the path of its files without the extension. */
export interface StoredMessage {
  folder: string;
  base: string;
  info: MessageInfo;
}

/**
 * Finds a message by its msg_id in every folder of `voicemail/<context>/<mailbox>` (the user may
 * have moved it to Old or another folder, and its number changes when older ones are deleted).
 * Undefined when it is no longer there.
 */
export async function findMessage(spool: string, context: string, mailbox: string, msgId: string): Promise<StoredMessage | undefined> {
  const box = join(spool, 'voicemail', context, mailbox);
  let folders: string[];
  try {
    folders = (await readdir(box, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // INBOX first: a new message is almost always still there.
  folders.sort((a, b) => Number(b === 'INBOX') - Number(a === 'INBOX'));
  for (const folder of folders) {
    const names = (await readdir(join(box, folder))).filter((n) => /^msg[0-9]{4}\.txt$/.test(n));
    for (const name of names) {
      const base = join(box, folder, name.slice(0, -4));
      const text = await readFile(`${base}.txt`, 'utf8').catch((error: NodeJS.ErrnoException) => {
        // Renumbered between the listing and the read: the next folder scan will not miss it twice.
        if (error.code === 'ENOENT') return '';
        throw error;
      });
      const info = parseMessageInfo(text);
      if ('problem' in info || info.msgId !== msgId) continue;
      return { folder, base, info };
    }
  }
  return undefined;
}

/** Asterisk's WAV of the message, as it is. */
export function messageWav(message: StoredMessage): Promise<Buffer> {
  return readFile(`${message.base}.wav`);
}

/** The message as MP3, made by sox (libsox-fmt-mp3, LAME underneath). */
export async function messageMp3(message: StoredMessage): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'swf-vm-mp3-'));
  try {
    const mp3 = join(dir, 'message.mp3');
    // Speech at 8 kHz: 32 kbit/s mono keeps it as clear as the phone call was, at a fifth of the WAV.
    await run('sox', [`${message.base}.wav`, '-C', '32', mp3], { timeout: 60_000 });
    return await readFile(mp3);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
