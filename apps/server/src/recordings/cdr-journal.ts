import { open, stat } from 'node:fs/promises';

/**
 * Asterisk's journals: the CSV files res_cdrel_custom appends to, the CDR journal (cdr_custom: one
 * record per call leg, asterisk/conf/cdr_custom.conf) and the CEL journal (cel_custom: one record
 * per channel event, cel_custom.conf, the call history's source). Unlike AMI events they are there
 * when the server was down or disconnected, so the server reads them from where it left off
 * (recording-index.ts catchUp, history/history-ingest.ts).
 *
 * The format is RFC 4180 with every field quoted: a quote inside a field is doubled, and CR/LF
 * stay inside the quotes, so a record ends at the first newline outside quotes. A record the
 * journal does not end yet (Asterisk is writing it) is left for the next read. Each record starts
 * with a literal version tag (the journal's format), then its fields.
 */

/** A journal's format: its version tag and the fields after it, in the order its .conf writes them. */
export interface JournalFormat<F extends string> {
  version: string;
  fields: readonly F[];
}

/** The fields of a CDR record, in the order cdr_custom.conf writes them after the literal version `v1`. */
export const CDR_FIELDS = [
  'uniqueid', 'linkedid', 'sequence', 'start', 'answer', 'end', 'duration', 'billsec', 'disposition',
  'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'accountcode', 'userfield',
] as const;

export type CdrRecord = Record<(typeof CDR_FIELDS)[number], string>;

export const CDR_JOURNAL: JournalFormat<(typeof CDR_FIELDS)[number]> = { version: 'v1', fields: CDR_FIELDS };
/** Read at most this much per step, so a journal of years does not have to fit in memory at once. */
const CHUNK_BYTES = 1 << 20;

/**
 * The complete records in `bytes` and how many bytes they take (the rest is an unfinished record).
 * Records of another version or with another number of fields are skipped (`skipped`).
 *
 * Parsed as bytes, each field decoded as UTF-8 on its own: Asterisk truncates a field (a caller's
 * number at 80 bytes) inside a multi-byte character, and a hostile trunk sends what it likes; a
 * decoded chunk would count each bad byte as a 3-byte U+FFFD and lose its place in the file.
 * Quote, comma and newline never occur inside a UTF-8 multi-byte sequence.
 */
export function parseCdrRecords(bytes: Buffer): { records: CdrRecord[]; consumedBytes: number; skipped: number } {
  return parseJournalRecords(bytes, CDR_JOURNAL);
}

/** parseCdrRecords for any journal's format. */
export function parseJournalRecords<F extends string>(bytes: Buffer, format: JournalFormat<F>): { records: Array<Record<F, string>>; consumedBytes: number; skipped: number } {
  const text = bytes.toString('latin1'); // one character per byte: indices are byte offsets
  const records: Array<Record<F, string>> = [];
  let skipped = 0;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let recordStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (i + 1 === text.length) break; // the closing quote may still be a doubled one
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      fields.push(field.replace(/\r$/, ''));
      const record = toRecord(fields.map((f) => Buffer.from(f, 'latin1').toString('utf8')), format);
      if (record) records.push(record);
      else if (i > recordStart) skipped++;
      fields = [];
      field = '';
      recordStart = i + 1;
    } else field += c;
  }
  return { records, consumedBytes: recordStart, skipped };
}

function toRecord<F extends string>(fields: string[], format: JournalFormat<F>): Record<F, string> | undefined {
  if (fields[0] !== format.version || fields.length !== format.fields.length + 1) return undefined;
  return Object.fromEntries(format.fields.map((name, i) => [name, fields[i + 1]!])) as Record<F, string>;
}

export interface JournalPosition {
  /** The file's inode: another one (the journal was rotated or replaced) starts over at 0. */
  inode: number;
  offset: number;
}

/**
 * Where the journal ends now: after its last complete record (a record being written is left for
 * the next read), or undefined when there is no journal yet.
 */
export async function journalEnd(path: string, format: JournalFormat<string> = CDR_JOURNAL): Promise<JournalPosition | undefined> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const info = await file.stat();
    const tail = Buffer.alloc(Math.min(info.size, CHUNK_BYTES));
    await file.read(tail, 0, tail.length, info.size - tail.length);
    // A record starts with the quoted version: the last newline followed by one (or by nothing) ends a record.
    let end = tail.length;
    while (end > 0 && !(tail[end - 1] === 0x0a && (end === tail.length || tail.toString('latin1', end, end + format.version.length + 3) === `"${format.version}",`))) end--;
    return { inode: info.ino, offset: info.size - tail.length + end };
  } finally {
    await file.close();
  }
}

/**
 * Calls `onRecords` with the journal's records after `from`, chunk by chunk, each time with the
 * position after them (store it only once the records are handled). A journal that is missing
 * gives nothing; one that was replaced or truncated is read from its start.
 */
export async function readJournal(
  path: string,
  from: JournalPosition | undefined,
  onRecords: (records: CdrRecord[], position: JournalPosition, skipped: number) => Promise<void>,
): Promise<void> {
  return readJournalOf(path, CDR_JOURNAL, from, onRecords);
}

/** readJournal for any journal's format. */
export async function readJournalOf<F extends string>(
  path: string,
  format: JournalFormat<F>,
  from: JournalPosition | undefined,
  onRecords: (records: Array<Record<F, string>>, position: JournalPosition, skipped: number) => Promise<void>,
): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  let offset = from && from.inode === info.ino && from.offset <= info.size ? from.offset : 0;
  const file = await open(path, 'r');
  try {
    for (;;) {
      const buffer = Buffer.alloc(CHUNK_BYTES);
      const { bytesRead } = await file.read(buffer, 0, CHUNK_BYTES, offset);
      if (bytesRead === 0) return;
      const { records, consumedBytes, skipped } = parseJournalRecords(buffer.subarray(0, bytesRead), format);
      if (consumedBytes === 0) {
        if (bytesRead === CHUNK_BYTES) throw new Error(`the journal ${path} has a record longer than ${CHUNK_BYTES} bytes at ${offset}`);
        return;
      }
      offset += consumedBytes;
      await onRecords(records, { inode: info.ino, offset }, skipped);
    }
  } finally {
    await file.close();
  }
}
