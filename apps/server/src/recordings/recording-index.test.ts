import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { cdrFacts, RecordingIndexer, recordingRow } from './recording-index.js';
import { spawnSync } from 'node:child_process';
import { writeSection } from '../settings/section.js';
import { recordingSection } from './recordings.settings.js';
import { pruneRecordings } from './retention.js';

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

  it('matches only the files of its channel, with start, kind and duration from name and size', () => {
    const facts = cdrFacts(cdr({}))!;
    expect(recordingRow(facts, { name: 'ondemand-1765090005-1765090000.42.wav', size: 44 + 16 * 3000 })).toMatchObject({
      call_id: '1765090000.42', started_at: '2025-12-07T06:46:45.000Z', kind: 'onDemand', duration_ms: 3000, caller: '3011', callee: '3012', direction: 'internal',
    });
    expect(recordingRow(facts, { name: 'always-1765090005-1765090000.421.wav', size: 100 })).toBeUndefined();
    expect(recordingRow(facts, { name: 'always-1765090005-1765090000.42.wav.tmp', size: 100 })).toBeUndefined();
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
    writeFileSync(join(spool, old), Buffer.alloc(44 + 1600));
    writeFileSync(join(spool, 'ondemand-1765090005-1765090000.42.wav'), Buffer.alloc(44 + 16_000));
    writeFileSync(join(spool, 'always-1765090005-1765090099.1.wav'), Buffer.alloc(44));
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
});
