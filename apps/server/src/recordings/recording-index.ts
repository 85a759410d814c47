import { execFile } from 'node:child_process';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import type { Insertable, Kysely } from 'kysely';
import type { AmiPacket } from '../asterisk/ami.js';
import type { Database, RecordingTable } from '../db/tables.js';
import { readSection } from '../settings/section.js';
import { recordingSection } from './recordings.settings.js';

const run = promisify(execFile);

/**
 * The recordings index is filled from the CDRs Asterisk sends over AMI (cdr_manager, event class
 * `cdr`): one `Cdr` event per call leg when it ends, which names the calling channel (UniqueID),
 * both channels, the caller's number and the dialled one. Why CDRs and not MixMonitor's own
 * events: MixMonitorStop comes only from StopMixMonitor/`*1`, never when a call hangs up with a
 * recording running, and neither event names the file. The recording subroutine names every file
 * after the calling channel's UNIQUEID (packages/dialplan resources/recording.ts), so a CDR finds
 * its files by that. A file already indexed is skipped (`file` is unique), so a second CDR of the
 * same channel (a failover dial) changes nothing.
 */

/** `always-<epoch>-<uniqueid>.wav` (policy) and `ondemand-<epoch>-<uniqueid>.wav` (each `*1`). */
export const RECORDING_FILE = /^(always|ondemand)-(\d{9,11})-(\d{9,11}\.\d{1,9})\.wav$/;

/** 8 kHz, 16-bit, mono: what MixMonitor writes for `.wav`; 16 bytes a millisecond after the 44-byte header. */
const WAV_HEADER_BYTES = 44;
const BYTES_PER_MS = 16;

/** The trunk endpoints' prefix (pjsip.ts trunkEndpoint): a channel of a trunk is `PJSIP/trunk-<id>-<seq>`. */
const TRUNK_CHANNEL = /^PJSIP\/trunk-/;

export interface CdrFacts {
  uniqueId: string;
  caller: string;
  callee: string;
  direction: RecordingTable['direction'];
}

/** At most 80 printable characters: a caller number from a trunk is whatever the far end sent. */
function party(value: string | undefined): string {
  return (value ?? '').replace(/[^\x20-\x7e]/g, '').slice(0, 80);
}

/** What a `Cdr` event says of its call; undefined for any other event or one without a UniqueID. */
export function cdrFacts(packet: AmiPacket): CdrFacts | undefined {
  if (packet.Event !== 'Cdr' || !packet.UniqueID) return undefined;
  const direction = TRUNK_CHANNEL.test(packet.Channel ?? '') ? 'inbound' : TRUNK_CHANNEL.test(packet.DestinationChannel ?? '') ? 'outbound' : 'internal';
  return { uniqueId: packet.UniqueID, caller: party(packet.Source), callee: party(packet.Destination), direction };
}

/** The index row of a recording file of the call `cdr`, or undefined when the file is not one of its. */
export function recordingRow(cdr: CdrFacts, file: { name: string; size: number }): Insertable<RecordingTable> | undefined {
  const match = RECORDING_FILE.exec(file.name);
  if (!match || match[3] !== cdr.uniqueId) return undefined;
  return {
    call_id: cdr.uniqueId,
    started_at: new Date(Number(match[2]) * 1000).toISOString(),
    caller: cdr.caller,
    callee: cdr.callee,
    direction: cdr.direction,
    kind: match[1] === 'always' ? 'always' : 'onDemand',
    duration_ms: Math.max(0, Math.round((file.size - WAV_HEADER_BYTES) / BYTES_PER_MS)),
    size_bytes: file.size,
    file: file.name,
  };
}

/**
 * Turns `dir/name` (a WAV) into an MP3 beside it (sox with libsox-fmt-mp3, written to a temp name
 * and renamed, so a half-written MP3 is never indexed), removes the WAV, and returns the MP3's name.
 */
async function toMp3(dir: string, name: string): Promise<string> {
  const mp3 = name.replace(/\.wav$/, '.mp3');
  const temp = join(dir, `.${mp3}.part`);
  // 24 kbit/s: sox's default for 8 kHz speech is 8 kbit/s, which sounds like a bad line.
  await run('sox', [join(dir, name), '-t', 'mp3', '-C', '24', temp]);
  await rename(temp, join(dir, mp3));
  await rm(join(dir, name));
  return mp3;
}

/**
 * Indexes the files of each call whose CDR arrives; `dir` is Asterisk's monitor/ spool. With the
 * setting `format: mp3` each WAV is converted first and the row names the MP3 (its duration is the
 * WAV's). Events are handled one after the other, so a second CDR of a call never meets a WAV that
 * is being converted.
 */
export class RecordingIndexer {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: { db: Kysely<Database>; dir: string; log: (line: string) => void }) {}

  /** Indexes the recordings of the call a `Cdr` event ends (any other event is ignored); the rows added. */
  onEvent(packet: AmiPacket): Promise<number> {
    const next = this.queue.then(() => this.index(packet));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async index(packet: AmiPacket): Promise<number> {
    const cdr = cdrFacts(packet);
    if (!cdr) return 0;
    let names: string[];
    try {
      names = (await readdir(this.deps.dir)).filter((name) => name.includes(cdr.uniqueId));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let added = 0;
    let format: 'wav' | 'mp3' | undefined;
    for (const name of names) {
      const row = recordingRow(cdr, { name, size: (await stat(join(this.deps.dir, name))).size });
      if (!row) continue;
      format ??= (await readSection(this.deps.db, recordingSection)).format;
      if (format === 'mp3') {
        row.file = await toMp3(this.deps.dir, name);
        row.size_bytes = (await stat(join(this.deps.dir, row.file))).size;
      }
      const result = await this.deps.db.insertInto('recordings').values(row).onConflict((c) => c.column('file').doNothing()).executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    if (added > 0) this.deps.log(`[recordings] indexed ${added} recording(s) of call ${cdr.uniqueId}`);
    return added;
  }
}
