import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { cdrFacts, RecordingIndexer, recordingRow } from './recording-index.js';
import { journalLine } from './cdr-journal.fixture.js';
import { spawnSync } from 'node:child_process';
import { writeSection } from '../settings/section.js';
import { recordingSection } from './recordings.settings.js';
import { pruneRecordings } from './retention.js';

/** A WAV header as MixMonitor writes it when it closes the file (8 kHz, 16 bit, mono), with `ms` of silence; `open`: the sizes not written yet. */
function wav(ms: number, open = false): Buffer {
  const data = 16 * ms;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(open ? 0 : 36 + data, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(open ? 0 : data, 40);
  return Buffer.concat([header, Buffer.alloc(data)]);
}

const cdr = (fields: Record<string, string>) => ({ Event: 'Cdr', UniqueID: '1765090000.42', Source: '3011', Destination: '3012', Channel: 'PJSIP/3011-00000001', DestinationChannel: 'PJSIP/3012-00000002', ...fields });

describe('recording index rows from CDRs', () => {
  it('takes the direction from the channels: a trunk calling is inbound, a trunk called is outbound', () => {
    expect(cdrFacts(cdr({}))?.direction).toBe('internal');
    expect(cdrFacts(cdr({ Channel: 'PJSIP/trunk-sipgate-00000003' }))?.direction).toBe('inbound');
    expect(cdrFacts(cdr({ DestinationChannel: 'PJSIP/trunk-sipgate-00000004' }))?.direction).toBe('outbound');
    expect(cdrFacts({ Event: 'Hangup', UniqueID: '1.2' })).toBeUndefined();
  });

  it('keeps a hostile caller number printable and short', () => {
    expect(cdrFacts(cdr({ Source: `"; DROP\r\n${'9'.repeat(200)}` }))?.caller).toMatch(/^"; DROP9{73}$/);
  });

  it('matches only the files of its channel, with start and kind from the name', () => {
    const facts = cdrFacts(cdr({}))!;
    expect(recordingRow(facts, { name: 'ondemand-1765090005-1765090000.42.wav', size: 44 + 16 * 3000, durationMs: 3000 })).toMatchObject({
      call_id: '1765090000.42', started_at: '2025-12-07T06:46:45.000Z', kind: 'onDemand', duration_ms: 3000, caller: '3011', callee: '3012', direction: 'internal',
    });
    expect(recordingRow(facts, { name: 'always-1765090005-1765090000.42.mp3', size: 100, durationMs: 3000 })).toMatchObject({ kind: 'always', file: 'always-1765090005-1765090000.42.mp3' });
    expect(recordingRow(facts, { name: 'always-1765090005-1765090000.421.wav', size: 100, durationMs: 3000 })).toBeUndefined();
    expect(recordingRow(facts, { name: 'always-1765090005-1765090000.42.wav.tmp', size: 100, durationMs: 3000 })).toBeUndefined();
  });

  it('names as callee the extension that took the call, else the number dialled', () => {
    // An inbound call: the provider dialled the DID, extension 3061's phone answered.
    expect(cdrFacts(cdr({ Channel: 'PJSIP/trunk-carrier-0000000a', Source: '03012345678', Destination: '4930561', DestinationChannel: 'PJSIP/3061-0000000b' }))).toMatchObject({
      direction: 'inbound', caller: '03012345678', callee: '3061',
    });
    // An outbound call: the number as the phone dialled it.
    expect(cdrFacts(cdr({ Channel: 'PJSIP/3062-0000000c', Source: '3062', Destination: '0301234567', DestinationChannel: 'PJSIP/trunk-carrier-0000000d' }))).toMatchObject({
      direction: 'outbound', caller: '3062', callee: '0301234567',
    });
    // Nobody answered (no far channel): the number dialled.
    expect(cdrFacts(cdr({ DestinationChannel: '' }))?.callee).toBe('3012');
  });
});

describe('indexer and retention (real SQLite, files in a temp dir)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'swf-rec-index-'));
  const db = openDatabase(join(dir, 'data'));
  const spool = join(dir, 'monitor');
  beforeAll(async () => {
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('indexes a call\'s files once, and prunes them (file and row) after the retention', async () => {
    const log: string[] = [];
    const indexer = new RecordingIndexer({ db, dir: spool, log: (line) => log.push(line) });
    expect(await indexer.onEvent(cdr({}))).toBe(0); // no spool yet
    mkdirSync(spool);
    const old = 'always-1000000000-1765090000.42.wav';
    writeFileSync(join(spool, old), wav(100));
    writeFileSync(join(spool, 'ondemand-1765090005-1765090000.42.wav'), wav(1000));
    writeFileSync(join(spool, 'always-1765090005-1765090099.1.wav'), wav(0));
    expect(await indexer.onEvent(cdr({}))).toBe(2);
    expect(await indexer.onEvent(cdr({}))).toBe(0);
    expect(log).toEqual(['[recordings] indexed 2 recording(s) of call 1765090000.42']);
    expect(await pruneRecordings(db, spool, 90, new Date('2025-12-08T00:00:00Z'))).toBe(1);
    expect(existsSync(join(spool, old))).toBe(false);
    expect((await db.selectFrom('recordings').select('file').execute()).map((r) => r.file)).toEqual(['ondemand-1765090005-1765090000.42.wav']);
  });

  it('with format mp3, converts each WAV (sox) and indexes the MP3 with the WAV\'s duration', async () => {
    await writeSection(db, recordingSection, { retentionDays: 90, format: 'mp3' });
    const wav = 'always-1765095000-1765095000.9.wav';
    const made = spawnSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', join(spool, wav), 'synth', '1.5', 'sine', '440'], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const indexer = new RecordingIndexer({ db, dir: spool, log: () => undefined });
    // Two CDRs of the same call at once: one conversion, one row.
    const added = await Promise.all([indexer.onEvent(cdr({ UniqueID: '1765095000.9' })), indexer.onEvent(cdr({ UniqueID: '1765095000.9' }))]);
    expect(added).toEqual([1, 0]);
    const row = await db.selectFrom('recordings').selectAll().where('call_id', '=', '1765095000.9').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ file: 'always-1765095000-1765095000.9.mp3', duration_ms: 1500 });
    expect(existsSync(join(spool, wav))).toBe(false);
    const seconds = Number(spawnSync('soxi', ['-D', join(spool, row.file)], { encoding: 'utf8' }).stdout);
    expect(seconds).toBeGreaterThan(1.45);
    expect(seconds).toBeLessThan(1.75); // MP3 frame rounding and encoder padding
  });

  it('catches up from the CDR journal: a new database starts at its end, later records are indexed once, also after a restart', async () => {
    const journal = join(dir, 'cdr.csv');
    const log: string[] = [];
    const line = (uniqueid: string) => journalLine({ uniqueid, channel: 'PJSIP/trunk-carrier-00000001', dstchannel: 'PJSIP/3061-00000002', src: '03012345678', dst: '4930561' });
    // History from before this database: left alone.
    writeFileSync(join(spool, 'always-1765097000-1765097000.1.wav'), wav(500));
    writeFileSync(journal, line('1765097000.1'));
    const first = new RecordingIndexer({ db, dir: spool, journal, log: (l) => log.push(l) });
    expect(await first.catchUp()).toBe(0);
    // Calls that ended while nobody listened: in the journal only.
    writeFileSync(join(spool, 'always-1765097100-1765097100.2.wav'), wav(2500));
    writeFileSync(join(spool, 'ondemand-1765097200-1765097200.3.wav'), wav(700, true)); // still open: counted as it is after the wait
    appendFileSync(journal, line('1765097100.2') + line('1765097200.3'));
    const second = new RecordingIndexer({ db, dir: spool, journal, log: (l) => log.push(l), closeWaitMs: 300 });
    expect(await second.catchUp()).toBe(2);
    expect(await second.catchUp()).toBe(0);
    const rows = await db.selectFrom('recordings').selectAll().where('call_id', 'in', ['1765097000.1', '1765097100.2', '1765097200.3']).orderBy('call_id').execute();
    expect(rows.map((r) => [r.call_id, r.direction, r.caller, r.callee, r.duration_ms])).toEqual([
      ['1765097100.2', 'inbound', '03012345678', '3061', 2500],
      ['1765097200.3', 'inbound', '03012345678', '3061', 700],
    ]);
    expect(log.filter((l) => l.includes('not closed'))).toHaveLength(1);
    // A live event for a call the journal brought already: nothing new.
    expect(await second.onEvent(cdr({ UniqueID: '1765097100.2' }))).toBe(0);
  });
});