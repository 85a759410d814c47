import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The folders the web voicemail shows and moves between (app_voicemail's names on disk). */
export const FOLDERS = ['INBOX', 'Old', 'Work', 'Family', 'Friends', 'Urgent'] as const;
export type Folder = (typeof FOLDERS)[number];

/** Where app_voicemail keeps the boxes of the `default` context, under Asterisk's root. */
export const VOICEMAIL_SPOOL = 'var/spool/asterisk/voicemail/default';

/**
 * A message id as app_voicemail makes it, the msg_id of its .txt: `<unix time>-<counter>`, the
 * counter in hex (`%08x`, generate_msg_id), so from the 10th message after Asterisk's start it has
 * letters (digits only here hid every such message from the web voicemail).
 */
export const MESSAGE_ID = /^[0-9]{1,20}-[0-9a-f]{1,16}$/;

export interface VoicemailMessage {
  /** app_voicemail's msg_id: stays when the message moves (its msgNNNN file name does not). */
  id: string;
  folder: Folder;
  /** The caller as Asterisk had it (`"Name" <number>`), and its parts. */
  callerId: string;
  callerName: string;
  callerNumber: string;
  /** When the message was left (ISO 8601). */
  time: string;
  durationSeconds: number;
  /** The recording without its extension (`…/INBOX/msg0000`); the .wav is what the web plays. */
  file: string;
}

/** The `key=value` lines of a message's .txt (its `[message]` section). */
export function parseMessageInfo(text: string): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)=(.*)$/.exec(line.trim());
    if (match) info[match[1]!] = match[2]!;
  }
  return info;
}

/** `"Name" <number>` (either part may be missing) as its name and number. */
export function splitCallerId(callerId: string): { name: string; number: string } {
  const match = /^\s*(?:"([^"]*)"|([^<]*?))\s*<([^>]*)>\s*$/.exec(callerId);
  if (!match) return { name: '', number: callerId.trim() };
  return { name: (match[1] ?? match[2] ?? '').trim(), number: match[3]!.trim() };
}

/** The messages of one folder of a box directory, oldest first; a .txt without its .wav is skipped. */
function folderMessages(boxDir: string, folder: Folder): VoicemailMessage[] {
  const dir = join(boxDir, folder);
  if (!existsSync(dir)) return [];
  const messages: VoicemailMessage[] = [];
  for (const name of readdirSync(dir).filter((n) => /^msg[0-9]{4}\.txt$/.test(n)).sort()) {
    const file = join(dir, name.slice(0, -4));
    if (!existsSync(`${file}.wav`)) continue;
    const info = parseMessageInfo(readFileSync(`${file}.txt`, 'utf8'));
    if (!info.msg_id || !MESSAGE_ID.test(info.msg_id)) continue;
    const callerId = info.callerid ?? '';
    const { name: callerName, number: callerNumber } = splitCallerId(callerId);
    messages.push({
      id: info.msg_id,
      folder,
      callerId,
      callerName,
      callerNumber,
      time: new Date(Number(info.origtime ?? 0) * 1000).toISOString(),
      durationSeconds: Number(info.duration ?? 0),
      file,
    });
  }
  return messages;
}

/** Every message of box `box` under `spoolDir` (the `default` context's directory), by folder, oldest first. */
export function listMessages(spoolDir: string, box: string): VoicemailMessage[] {
  return FOLDERS.flatMap((folder) => folderMessages(join(spoolDir, box), folder));
}

export function findMessage(spoolDir: string, box: string, id: string): VoicemailMessage | undefined {
  return listMessages(spoolDir, box).find((m) => m.id === id);
}
