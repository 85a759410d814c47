import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, readdir, rename, rm, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import type { Insertable, Kysely } from 'kysely';
import type { AmiPacket } from '../asterisk/ami.js';
import type { Database, RecordingTable } from '../db/tables.js';
import { readSection } from '../settings/section.js';
import { audioDurationMs, wavHeader } from './audio-duration.js';
import { journalEnd, readJournal, type CdrRecord, type JournalPosition } from './cdr-journal.js';
import { readRotating } from './journal-rotation.js';
import { recordingSection } from './recordings.settings.js';

const run = promisify(execFile);

/**
 * The recordings index is filled from Asterisk's CDRs: one per call leg when it ends, naming the
 * calling channel (its UniqueID), both channels, the caller's number and the dialled one. They come
 * two ways: live as AMI `Cdr` events (cdr_manager), and from the CDR journal Asterisk appends to
 * itself (cdr_custom, cdr-journal.ts), which the server reads from where it left off at its start
 * and at every AMI (re)connect: the events of a time the server was down or disconnected are gone,
 * the journal's records are not. Both go through the same queue, and a file already indexed is
 * skipped (`file` is unique), so a call seen both ways, or twice (a failover dial), is indexed once.
 *
 * Why CDRs and not MixMonitor's own events: MixMonitorStop comes only from StopMixMonitor/`*1`,
 * never when a call hangs up with a recording running, and neither event names the file. The
 * recording subroutine names every file after the calling channel's UNIQUEID (packages/dialplan
 * resources/recording.ts), so a CDR finds its files by that.
 */

/** `always-<epoch>-<uniqueid>.wav` (policy) and `ondemand-<epoch>-<uniqueid>.wav` (each `*1`), or the MP3 the server made of one. */
export const RECORDING_FILE = /^(always|ondemand)-(\d{9,11})-(\d{9,11}\.\d{1,9})\.(wav|mp3)$/;

/** The trunk endpoints' prefix (pjsip.ts trunkEndpoint): a channel of a trunk is `PJSIP/trunk-<id>-<seq>`. */
const TRUNK_CHANNEL = /^PJSIP\/trunk-/;
/** An extension's channel: `PJSIP/<extension>-<seq>` (extension ids are digits). */
const EXTENSION_CHANNEL = /^PJSIP\/(\d{1,20})-[0-9a-f]+$/;

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

/**
 * What a CDR says of its call. Direction by the channels: from a trunk inbound, to a trunk
 * outbound, anything else internal. Caller: the calling number (a trunk's: what the provider sent).
 * Callee: the extension whose phone took the call when the far side is an extension's channel (for
 * an inbound call that is who answered, not the DID the provider dialled); otherwise the number
 * dialled (an outbound call's external number as the phone dialled it).
 */
export function cdrFactsOf(cdr: { uniqueId: string; channel: string; dstChannel: string; src: string; dst: string }): CdrFacts {
  const direction = TRUNK_CHANNEL.test(cdr.channel) ? 'inbound' : TRUNK_CHANNEL.test(cdr.dstChannel) ? 'outbound' : 'internal';
  const answeredBy = EXTENSION_CHANNEL.exec(cdr.dstChannel)?.[1];
  return { uniqueId: cdr.uniqueId, caller: party(cdr.src), callee: party(answeredBy ?? cdr.dst), direction };
}

/** What a `Cdr` event says of its call; undefined for any other event or one without a UniqueID. */
export function cdrFacts(packet: AmiPacket): CdrFacts | undefined {
  if (packet.Event !== 'Cdr' || !packet.UniqueID) return undefined;
  return cdrFactsOf({ uniqueId: packet.UniqueID, channel: packet.Channel ?? '', dstChannel: packet.DestinationChannel ?? '', src: packet.Source ?? '', dst: packet.Destination ?? '' });
}

/** What a journal record says of its call; undefined without a UniqueID. */
export function journalFacts(record: CdrRecord): CdrFacts | undefined {
  if (!record.uniqueid) return undefined;
  return cdrFactsOf({ uniqueId: record.uniqueid, channel: record.channel, dstChannel: record.dstchannel, src: record.src, dst: record.dst });
}

/** The index row of a recording file of the call `cdr`, or undefined when the file is not one of its. */
export function recordingRow(cdr: CdrFacts, file: { name: string; size: number; durationMs: number }): Insertable<RecordingTable> | undefined {
  const match = RECORDING_FILE.exec(file.name);
  if (!match || match[3] !== cdr.uniqueId) return undefined;
  return {
    call_id: cdr.uniqueId,
    started_at: new Date(Number(match[2]) * 1000).toISOString(),
    caller: cdr.caller,
    callee: cdr.callee,
    direction: cdr.direction,
    kind: match[1] === 'always' ? 'always' : 'onDemand',
    duration_ms: file.durationMs,
    size_bytes: file.size,
    file: file.name,
  };
}

/**
 * Turns `dir/name` (a WAV) into an MP3 beside it (sox with libsox-fmt-mp3, written to a temp name
 * and renamed, so a half-written MP3 is never indexed), removes the WAV, and returns the MP3's name.
 * The MP3 gets the WAV's owner and mode: the spool stays Asterisk's (docs/server.md, "Docker"), so
 * whoever may delete Asterisk's recordings (its group, in Docker) may delete this one too.
 */
async function toMp3(dir: string, name: string): Promise<string> {
  const mp3 = name.replace(/\.wav$/, '.mp3');
  const temp = join(dir, `.${mp3}.part`);
  const wav = await stat(join(dir, name));
  // 24 kbit/s: sox's default for 8 kHz speech is 8 kbit/s, which sounds like a bad line.
  await run('sox', [join(dir, name), '-t', 'mp3', '-C', '24', temp]);
  await chmod(temp, wav.mode & 0o777);
  if (process.getuid?.() === 0) await chown(temp, wav.uid, wav.gid);
  await rename(temp, join(dir, mp3));
  await rm(join(dir, name));
  return mp3;
}

/** The journal's row in cdr_journal. */
const JOURNAL = 'cdr';
/** How long a WAV may stay open after its call's CDR: MixMonitor closes it (and writes its header's sizes) in its own thread. */
const CLOSE_WAIT_MS = 5000;
const CLOSE_POLL_MS = 100;

/**
 * Indexes the files of each call whose CDR arrives (live or from the journal); `dir` is Asterisk's
 * monitor/ spool. With the setting `format: mp3` each WAV is converted first and the row names the
 * MP3. The duration is the file's own (audio-duration.ts). Everything runs one after the other, so
 * a second CDR of a call never meets a WAV that is being converted.
 */
export class RecordingIndexer {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: { db: Kysely<Database>; dir: string; journal?: string; log: (line: string) => void; closeWaitMs?: number }) {}

  /** Indexes the recordings of the call a `Cdr` event ends (any other event is ignored); the rows added. */
  onEvent(packet: AmiPacket): Promise<number> {
    return this.enqueue(async () => {
      const cdr = cdrFacts(packet);
      return cdr ? this.index(cdr, await this.spool()) : 0;
    });
  }

  /**
   * Reads the journal from where the last catch-up stopped and indexes the recordings of every
   * call in it; the rows added. A server whose database has no position yet starts at the
   * journal's end (its history is not this database's), or at the start of a journal that does
   * not exist yet.
   */
  catchUp(): Promise<number> {
    return this.enqueue(async () => {
      const path = this.deps.journal;
      if (!path) return 0;
      const stored = await this.deps.db.selectFrom('cdr_journal').selectAll().where('name', '=', JOURNAL).executeTakeFirst();
      if (!stored) {
        const end = await journalEnd(path);
        await this.deps.db.insertInto('cdr_journal').values({ name: JOURNAL, inode: end?.inode ?? null, offset: end?.offset ?? 0 }).execute();
        return 0;
      }
      let added = 0;
      let records = 0;
      let spool: Map<string, string[]> | undefined;
      const position = async (): Promise<JournalPosition | undefined> => {
        const at = await this.deps.db.selectFrom('cdr_journal').selectAll().where('name', '=', JOURNAL).executeTakeFirst();
        return at && at.inode !== null ? { inode: at.inode, offset: at.offset } : undefined;
      };
      const read = async (file: string) => readJournal(file, await position(), async (batch, at, skipped) => {
        if (skipped > 0) this.deps.log(`[recordings] skipped ${skipped} record(s) of the CDR journal ${file} in another format`);
        for (const record of batch) {
          const cdr = journalFacts(record);
          if (!cdr) continue;
          spool ??= await this.spool();
          added += await this.index(cdr, spool);
        }
        records += batch.length;
        await this.deps.db.updateTable('cdr_journal').set({ inode: at.inode, offset: at.offset }).where('name', '=', JOURNAL).execute();
      });
      await readRotating(path, { read, position, log: this.deps.log });
      if (records > 0) this.deps.log(`[recordings] caught up with ${records} CDR(s) of the journal: ${added} recording(s) indexed`);
      return added;
    });
  }

  /** Resolves once what is queued now is done (before the database closes). */
  async idle(): Promise<void> {
    await this.queue;
  }

  private enqueue(task: () => Promise<number>): Promise<number> {
    const next = this.queue.then(task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The recordings in monitor/ by the UniqueID in their names (none when it does not exist yet). */
  private async spool(): Promise<Map<string, string[]>> {
    let names: string[];
    try {
      names = await readdir(this.deps.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    const byCall = new Map<string, string[]>();
    for (const name of names) {
      const uniqueId = RECORDING_FILE.exec(name)?.[3];
      if (uniqueId) byCall.set(uniqueId, [...(byCall.get(uniqueId) ?? []), name]);
    }
    return byCall;
  }

  private async index(cdr: CdrFacts, spool: Map<string, string[]>): Promise<number> {
    let added = 0;
    let format: 'wav' | 'mp3' | undefined;
    for (const name of spool.get(cdr.uniqueId) ?? []) {
      if (await this.known(name)) continue;
      let file = name;
      let durationMs: number | undefined;
      if (file.endsWith('.wav')) {
        const header = await this.closed(file);
        if (!header) continue;
        // The WAV's own length, also for the MP3 made of it: the encoder adds a few frames of silence.
        durationMs = header.durationMs;
        format ??= (await readSection(this.deps.db, recordingSection)).format;
        if (format === 'mp3') file = await toMp3(this.deps.dir, file);
      } else durationMs = await audioDurationMs(join(this.deps.dir, file));
      const path = join(this.deps.dir, file);
      if (durationMs === undefined) {
        this.deps.log(`[recordings] ${file} is no MP3 that can be read; not indexed`);
        continue;
      }
      const row = recordingRow(cdr, { name: file, size: (await stat(path)).size, durationMs });
      if (!row) continue;
      const result = await this.deps.db.insertInto('recordings').values(row).onConflict((c) => c.column('file').doNothing()).executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    if (added > 0) this.deps.log(`[recordings] indexed ${added} recording(s) of call ${cdr.uniqueId}`);
    return added;
  }

  /** Whether the file, or the MP3 made of it, is indexed already. */
  private async known(name: string): Promise<boolean> {
    const mp3 = name.replace(/\.wav$/, '.mp3');
    return (await this.deps.db.selectFrom('recordings').select('id').where('file', 'in', [name, mp3]).executeTakeFirst()) !== undefined;
  }

  /**
   * The WAV's header once MixMonitor has closed it (the header then states the data's size),
   * waiting a little for that; undefined when it is gone (a retention or a delete) or no WAV. One
   * that stays open (Asterisk died while recording) counts the audio it has, and is logged.
   */
  private async closed(name: string): Promise<{ durationMs: number } | undefined> {
    const path = join(this.deps.dir, name);
    for (let waited = 0; ; waited += CLOSE_POLL_MS) {
      const header = await wavHeader(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      if (!header) {
        if (existsSync(path)) this.deps.log(`[recordings] ${name} is no WAV that can be read; not indexed`);
        return undefined;
      }
      if (header.complete) return header;
      const limit = this.deps.closeWaitMs ?? CLOSE_WAIT_MS;
      if (waited >= limit) {
        this.deps.log(`[recordings] ${name} was not closed by Asterisk within ${limit} ms; indexed with the audio it has`);
        return header;
      }
      await new Promise((resolve) => setTimeout(resolve, CLOSE_POLL_MS));
    }
  }
}
