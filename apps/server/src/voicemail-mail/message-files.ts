/**
 * The two small texts the mail pipeline reads: the drop file the mailcmd script
 * (asterisk/conf/stumpfworks-vmnotify) leaves in the outbox spool, and the message's `.txt` that
 * Asterisk writes beside `msgNNNN.wav`. Both are `key=value` lines; nothing in them is evaluated.
 */
import { MESSAGE_ID } from '../voicemail/messages.js';

/** A box and folder name as our generated voicemail.conf and Asterisk's folders have them. */
const NAME = /^[A-Za-z0-9_-]{1,80}$/;

/** What one drop file names: a message in `voicemail/<context>/<mailbox>/<folder>/msg<msgnum>`. */
export interface Drop {
  context: string;
  mailbox: string;
  folder: string;
  msgnum: number;
  msgId: string;
}

function keyValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq <= 0 || line.startsWith(';')) continue;
    const key = line.slice(0, eq).trim();
    if (!values.has(key)) values.set(key, line.slice(eq + 1).trim());
  }
  return values;
}

/** The drop's fields, or the reason it is unusable (a path part that is no plain name is refused). */
export function parseDrop(text: string): Drop | { problem: string } {
  const v = keyValues(text);
  const [context, mailbox, folder, msgnum, msgId] = ['context', 'mailbox', 'folder', 'msgnum', 'msg_id'].map((k) => v.get(k) ?? '');
  for (const [name, value] of [['context', context], ['mailbox', mailbox], ['folder', folder]] as const) {
    if (!NAME.test(value!)) return { problem: `${name} ${JSON.stringify(value)} is no box or folder name` };
  }
  if (!/^[0-9]{1,4}$/.test(msgnum!)) return { problem: `msgnum ${JSON.stringify(msgnum)} is no message number` };
  if (!MESSAGE_ID.test(msgId!)) return { problem: `msg_id ${JSON.stringify(msgId)} is no Asterisk message id` };
  return { context: context!, mailbox: mailbox!, folder: folder!, msgnum: Number(msgnum), msgId: msgId! };
}

/** What a message's `.txt` tells (its `[message]` section). */
export interface MessageInfo {
  msgId: string;
  /** The caller as Asterisk has it (`"Name" <number>`), or '' when unknown; the caller chose it: text only. */
  callerId: string;
  /** When the message was left. */
  time: Date;
  durationSeconds: number;
}

export function parseMessageInfo(text: string): MessageInfo | { problem: string } {
  const v = keyValues(text);
  const origtime = Number(v.get('origtime'));
  if (!Number.isInteger(origtime) || origtime <= 0) return { problem: `origtime ${JSON.stringify(v.get('origtime') ?? '')} is no time` };
  const duration = Number(v.get('duration') ?? '0');
  return {
    msgId: v.get('msg_id') ?? '',
    callerId: v.get('callerid') === 'Unknown' ? '' : (v.get('callerid') ?? ''),
    time: new Date(origtime * 1000),
    durationSeconds: Number.isFinite(duration) && duration >= 0 ? Math.round(duration) : 0,
  };
}

/** `"Anna Müller" <0301234>` → name and number (either may be ''). */
export function splitCallerId(callerId: string): { name: string; number: string } {
  const m = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<]*?))\s*<([^>]*)>\s*$/.exec(callerId);
  if (!m) return { name: '', number: callerId.trim() };
  return { name: (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1').trim(), number: m[3]!.trim() };
}

/**
 * The length of a PCM WAV in seconds (its data chunk over the header's byte rate), or undefined
 * when the header is not one. The mail tells this rather than the .txt's `duration`, which
 * Asterisk 22 writes up to a second short (measured: 3 for a 3.94 s message).
 */
export function wavSeconds(wav: Uint8Array): number | undefined {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const tag = (at: number) => String.fromCharCode(...wav.subarray(at, at + 4));
  if (wav.byteLength < 44 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return undefined;
  let byteRate = 0;
  for (let at = 12; at + 8 <= wav.byteLength; ) {
    const size = view.getUint32(at + 4, true);
    if (tag(at) === 'fmt ' && at + 16 <= wav.byteLength) byteRate = view.getUint32(at + 16, true);
    if (tag(at) === 'data') return byteRate > 0 ? Math.min(size, wav.byteLength - at - 8) / byteRate : undefined;
    at += 8 + size + (size % 2);
  }
  return undefined;
}
