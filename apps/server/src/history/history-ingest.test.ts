import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { HistoryIngest, STALE_CALL_MS } from './history-ingest.js';

/** Whole records of the recorded journal (cel-journal.fixture.csv: eight calls, one record a line). */
const lines = readFileSync(fileURLToPath(new URL('./cel-journal.fixture.csv', import.meta.url)), 'utf8').split(/(?<=\n)/);
const of = (kind: string) => lines.filter((l) => l.includes(`"hx-${kind}-`));

describe('the history ingest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'swf-history-'));
  const journal = join(dir, 'cel.csv');
  const db = openDatabase(join(dir, 'data'));
  const logs: string[] = [];
  const ingest = () => new HistoryIngest({ db, journal, log: (line) => logs.push(line) });

  beforeAll(async () => {
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a new database starts at the journal\'s end: the calls before it are not its own', async () => {
    writeFileSync(journal, of('busy').join(''));
    expect(await ingest().catchUp()).toBe(0);
    expect(await ingest().catchUp()).toBe(0);
    expect(await db.selectFrom('call_history').select('linkedid').execute()).toEqual([]);
  });

  it('keeps the events of a call that has not ended, writes its row at LINKEDID_END and forgets them; never twice', async () => {
    const answered = of('answered');
    const end = answered.findIndex((l) => l.includes('"LINKEDID_END"'));
    appendFileSync(journal, answered.slice(0, 10).join(''));
    expect(await ingest().catchUp()).toBe(0);
    expect((await db.selectFrom('call_events').select('id').execute()).length).toBe(10);
    appendFileSync(journal, answered.slice(10, end + 1).join('') + answered.slice(end + 1).join(''));
    expect(await ingest().catchUp()).toBe(1);
    expect(await db.selectFrom('call_events').select('id').execute()).toEqual([]);
    const rows = await db.selectFrom('call_history').selectAll().execute();
    expect(rows.map((r) => [r.outcome, r.answered_by, r.caller_name])).toEqual([['answered', '4101', 'Evil, "Boss" $[1+1] ${EXTEN}']]);
    expect(await ingest().catchUp()).toBe(0);
  });

  it('reads several calls interleaved, each once, and a record Asterisk is still writing later', async () => {
    const kinds = ['voicemail', 'abandoned', 'missed', 'failed', 'transferred'];
    const all = kinds.flatMap(of).sort((a, b) => Number(a.split(',')[2]!.slice(1, -1)) - Number(b.split(',')[2]!.slice(1, -1)));
    const last = all.pop()!;
    appendFileSync(journal, all.join('') + last.slice(0, 30));
    const first = await ingest().catchUp();
    appendFileSync(journal, last.slice(30));
    expect(first + (await ingest().catchUp())).toBe(5);
    const rows = await db.selectFrom('call_history').select(['outcome']).orderBy('started_at').execute();
    expect(rows.map((r) => r.outcome).sort()).toEqual(['abandoned', 'answered', 'answered', 'failed', 'missed', 'voicemail']);
    expect(await db.selectFrom('call_events').select('id').execute()).toEqual([]);
  });

  it('writes the row of a call Asterisk never ended (it stopped first) once its last event is a day old', async () => {
    const queued = of('ari');
    const cut = queued.findIndex((l) => l.includes('"LINKEDID_END"')) - 3;
    appendFileSync(journal, queued.slice(0, cut).join(''));
    expect(await ingest().catchUp()).toBe(0);
    const kept = await db.selectFrom('call_events').select('event').execute();
    expect(kept.length).toBe(cut);
    const last = Math.max(...kept.map((k) => (JSON.parse(k.event) as { time: number }).time));
    const stale = ingest();
    expect(await stale.finishStale(last + STALE_CALL_MS - 1)).toBe(0);
    expect(await stale.finishStale(last + STALE_CALL_MS + 1)).toBe(1);
    expect(await db.selectFrom('call_events').select('id').execute()).toEqual([]);
    const row = await db.selectFrom('call_history').selectAll().orderBy('started_at', 'desc').executeTakeFirstOrThrow();
    expect(row.ended_at).toBe(Math.round(last));
    expect(logs.some((l) => l.includes('1 call(s) had no event for 24 h'))).toBe(true);
  });
});
