import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Insertable, Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../db/database.js';
import type { CallHistoryTable, Database } from '../db/tables.js';
import { analyticsOf } from './analytics.js';
import { bucketsOf, localHours, type Granularity } from './local-hours.js';
import { p90 } from './stats.js';

const zone = 'Europe/Berlin';
let serial = 0;

/** A call with defaults: inbound, answered after 5 s, no flow. */
function call(startedAt: string, fields: Partial<Insertable<CallHistoryTable>> = {}): Insertable<CallHistoryTable> {
  const started = Date.parse(startedAt);
  const linkedid = `${started / 1000}.${++serial}`;
  return {
    linkedid,
    started_at: started,
    answered_at: started + 5_000,
    ended_at: started + 60_000,
    direction: 'inbound',
    caller: '+4930555',
    caller_name: '',
    called: '+49301234500',
    trunk_id: 'carrier',
    flow_id: null,
    flow_version: null,
    path: null,
    answered_by: '3001',
    queue_id: null,
    wait_ms: null,
    talk_ms: 55_000,
    outcome: 'answered',
    voicemail_box: null,
    transferred_to: null,
    channel_ids: JSON.stringify([linkedid]),
    ...fields,
  };
}

const unanswered = { answered_at: null, answered_by: null } as const;

// A real SQLite file: the figures are counted there (GROUP BY), the rest in aggregate.ts.
const dataDir = mkdtempSync(join(tmpdir(), 'swf-analytics-'));
let db: Kysely<Database>;
beforeAll(async () => {
  db = openDatabase(dataDir);
  await migrateToLatest(db);
});
beforeEach(async () => {
  await db.deleteFrom('call_history').execute();
});
afterAll(async () => {
  await db.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The report of `rows` over the days `from`..`to`. */
async function analytics(rows: Insertable<CallHistoryTable>[], from: string, to: string, options: { granularity?: Granularity; serviceLevelSeconds?: number } = {}) {
  if (rows.length > 0) await db.insertInto('call_history').values(rows).execute();
  return analyticsOf(db, { from, to, granularity: options.granularity ?? 'day', serviceLevelSeconds: options.serviceLevelSeconds ?? 20, timeZone: zone });
}

describe('p90', () => {
  it('is the nearest rank: the smallest value 90 % are at or below', () => {
    expect(p90([5, 1, 9, 3, 7, 2, 8, 4, 6, 10])).toBe(9);
    expect(p90([4])).toBe(4);
    expect(p90(Array.from({ length: 100 }, (_, i) => 100 - i))).toBe(90);
    expect(p90(Array.from({ length: 11 }, (_, i) => i + 1))).toBe(10); // rank ceil(9.9) = 10
    expect(p90([])).toBeUndefined();
  });
});

describe('local hours and buckets across DST', () => {
  it('gives the day the clocks go back 25 hours, two of them at 02:00', () => {
    const hours = localHours('2026-10-25', '2026-10-25', zone);
    expect(hours.starts).toHaveLength(25);
    expect(hours.starts[0]).toBe(Date.parse('2026-10-24T22:00:00Z'));
    expect(hours.end).toBe(Date.parse('2026-10-25T23:00:00Z'));
    expect(hours.hour.slice(0, 5)).toEqual([0, 1, 2, 2, 3]);
    const { starts } = bucketsOf(hours, 'hour', zone);
    expect(starts.slice(2, 4)).toEqual(['2026-10-25T02:00:00+02:00', '2026-10-25T02:00:00+01:00']);
  });

  it('gives the day the clocks go forward 23 hours, without 02:00', () => {
    const hours = localHours('2026-03-29', '2026-03-29', zone);
    expect(hours.starts).toHaveLength(23);
    expect(hours.hour.slice(0, 3)).toEqual([0, 1, 3]);
  });

  it('opens a day bucket at each local midnight and a week bucket on Mondays', () => {
    const hours = localHours('2026-10-23', '2026-11-03', zone); // Friday to Tuesday, over the change
    expect(bucketsOf(hours, 'day', zone).starts).toEqual([
      '2026-10-23T00:00:00+02:00', '2026-10-24T00:00:00+02:00', '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00',
      '2026-10-27T00:00:00+01:00', '2026-10-28T00:00:00+01:00', '2026-10-29T00:00:00+01:00', '2026-10-30T00:00:00+01:00',
      '2026-10-31T00:00:00+01:00', '2026-11-01T00:00:00+01:00', '2026-11-02T00:00:00+01:00', '2026-11-03T00:00:00+01:00',
    ]);
    expect(bucketsOf(hours, 'week', zone).starts).toEqual(['2026-10-23T00:00:00+02:00', '2026-10-26T00:00:00+01:00', '2026-11-02T00:00:00+01:00']);
  });

  it('counts calls in the local hour and day they started, and the heatmap by local weekday and hour', async () => {
    const rows = [
      call('2026-10-23T21:59:59Z'), // Friday 23:59:59: before the range
      call('2026-10-24T21:59:59Z'), // Saturday 23:59:59 (summer time)
      call('2026-10-25T00:30:00Z'), // Sunday 02:30 the first time (+02:00)
      call('2026-10-25T01:30:00Z'), // Sunday 02:30 the second time (+01:00)
      call('2026-10-25T23:00:00Z'), // Monday 00:00 (winter time)
      call('2026-10-26T23:00:00Z'), // Tuesday: after the range
    ];
    const days = await analytics(rows, '2026-10-24', '2026-10-26');
    expect(days.buckets.map((b) => [b.start, b.calls])).toEqual([
      ['2026-10-24T00:00:00+02:00', 1],
      ['2026-10-25T00:00:00+02:00', 2],
      ['2026-10-26T00:00:00+01:00', 1],
    ]);
    expect(days.totals.calls).toBe(4);
    expect(days.heatmap[5]![23]).toBe(1); // Saturday 23:00
    expect(days.heatmap[6]![2]).toBe(2); // Sunday 02:00, both of them
    expect(days.heatmap[0]![0]).toBe(1); // Monday 00:00
    const byHour = await analytics([], '2026-10-24', '2026-10-26', { granularity: 'hour' });
    expect(byHour.buckets).toHaveLength(24 + 25 + 24);
    expect(byHour.buckets.filter((b) => b.calls > 0).map((b) => b.start)).toEqual([
      '2026-10-24T23:00:00+02:00', '2026-10-25T02:00:00+02:00', '2026-10-25T02:00:00+01:00', '2026-10-26T00:00:00+01:00',
    ]);
  });
});

describe('figures', () => {
  const day = '2026-11-02';

  it('counts outcomes, and waits only of calls that waited in a queue', async () => {
    const rows = [
      call('2026-11-02T08:00:00Z', { queue_id: 'sales', wait_ms: 10_000, answered_at: Date.parse('2026-11-02T08:00:40Z') }),
      call('2026-11-02T08:01:00Z', { queue_id: 'sales', wait_ms: 30_000, ...unanswered, outcome: 'abandoned' }),
      call('2026-11-02T08:02:00Z', { ...unanswered, outcome: 'busy' }),
      call('2026-11-02T08:03:00Z', { ...unanswered, outcome: 'failed' }),
    ];
    const { totals, queues } = await analytics(rows, day, day);
    expect(totals).toMatchObject({ calls: 4, answered: 1, abandoned: 1, busy: 1, failed: 1, missed: 0, voicemail: 0, avgWaitMs: 20_000, p90WaitMs: 30_000 });
    expect(queues).toEqual([expect.objectContaining({ id: 'sales', calls: 2, answered: 1, abandoned: 1, avgWaitMs: 20_000, p90WaitMs: 30_000 })]);
    expect((await analytics([], '2026-11-03', '2026-11-03')).totals).toMatchObject({ calls: 0, avgWaitMs: null, p90WaitMs: null, serviceLevel: null });
  });

  it('p90 of a bucket is of its own waits', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => call(`2026-11-02T08:0${i}:00Z`, { queue_id: 'sales', wait_ms: (i + 1) * 1000 }));
    const report = await analytics([...rows, call('2026-11-02T09:00:00Z', { queue_id: 'sales', wait_ms: 99_000 })], day, day, { granularity: 'hour' });
    expect(report.buckets.find((b) => b.start === '2026-11-02T09:00:00+01:00')).toMatchObject({ calls: 10, p90WaitMs: 9000, avgWaitMs: 5500 });
    expect(report.buckets.find((b) => b.start === '2026-11-02T10:00:00+01:00')).toMatchObject({ calls: 1, p90WaitMs: 99_000 });
    expect(report.totals.p90WaitMs).toBe(10_000);
  });

  it('service level: answered within X s of the offered calls (queue wait, else from the start), outbound and failed not offered', async () => {
    const rows = [
      call('2026-11-02T08:00:00Z', { queue_id: 'sales', wait_ms: 20_000, answered_at: Date.parse('2026-11-02T08:01:00Z') }), // queue wait 20 s: within
      call('2026-11-02T08:01:00Z', { queue_id: 'sales', wait_ms: 21_000, answered_at: Date.parse('2026-11-02T08:01:21Z') }), // 21 s: late
      call('2026-11-02T08:02:00Z'), // answered 5 s after the start: within
      call('2026-11-02T08:03:00Z', { ...unanswered, outcome: 'missed' }), // offered, not answered
      call('2026-11-02T08:04:00Z', { ...unanswered, outcome: 'failed' }), // not offered
      call('2026-11-02T08:05:00Z', { direction: 'outbound', answered_by: '+4930555' }), // not offered
    ];
    expect((await analytics(rows, day, day)).totals.serviceLevel).toBe(2 / 4);
    expect((await analytics([], day, day, { serviceLevelSeconds: 21 })).totals.serviceLevel).toBe(3 / 4);
    expect((await analytics([], day, day, { serviceLevelSeconds: 1 })).totals.serviceLevel).toBe(0);
    const outboundOnly = await analytics([call('2026-11-03T08:05:00Z', { direction: 'outbound' })], '2026-11-03', '2026-11-03');
    expect(outboundOnly.totals.serviceLevel).toBeNull();
  });

  it('groups by extension (answerer, mailbox, or the internal number dialled), trunk and queue', async () => {
    const rows = [
      call('2026-11-02T08:00:00Z'), // answered by 3001
      call('2026-11-02T08:01:00Z', { ...unanswered, outcome: 'voicemail', voicemail_box: '3002' }),
      call('2026-11-02T08:02:00Z', { ...unanswered, outcome: 'missed', direction: 'internal', called: '3003', trunk_id: null }),
      call('2026-11-02T08:03:00Z', { direction: 'outbound', answered_by: '+4930555', trunk_id: 'telekom' }), // no extension
      call('2026-11-02T08:04:00Z', { ...unanswered, outcome: 'missed', queue_id: 'sales' }), // no extension
      call('2026-11-02T09:00:00Z', { trunk_id: 'telekom' }),
    ];
    const { extensions, trunks, queues } = await analytics(rows, day, day);
    expect(extensions.map((e) => [e.id, e.calls, e.answered, e.missed, e.voicemail])).toEqual([['3001', 2, 2, 0, 0], ['3002', 1, 0, 0, 1], ['3003', 1, 0, 1, 0]]);
    expect(trunks.map((e) => [e.id, e.calls])).toEqual([['carrier', 3], ['telekom', 2]]);
    expect(queues.map((e) => [e.id, e.calls, e.missed, e.serviceLevel])).toEqual([['sales', 1, 1, 0]]);
  });

  it('funnel: calls that reached each node once each, and where abandoned calls ended', async () => {
    const flow = { flow_id: 'hotline', flow_version: 3 };
    const rows = [
      call('2026-11-02T08:00:00Z', { ...flow, path: JSON.stringify(['start', 'menu', 'menu', 'sales']) }),
      call('2026-11-02T08:01:00Z', { ...flow, path: JSON.stringify(['start', 'menu']), ...unanswered, outcome: 'abandoned' }),
      call('2026-11-02T08:02:00Z', { ...flow, path: JSON.stringify(['start']), ...unanswered, outcome: 'abandoned' }),
      call('2026-11-02T08:03:00Z', { ...flow, path: JSON.stringify(['start']), ...unanswered, outcome: 'abandoned' }),
      call('2026-11-02T08:04:00Z', { ...flow, flow_version: 2, path: JSON.stringify(['start']) }),
    ];
    expect((await analytics(rows, day, day)).funnels).toEqual([
      { flowId: 'hotline', flowVersion: 3, calls: 4, nodes: [{ nodeId: 'start', reached: 4, hungUp: 2, keys: [] }, { nodeId: 'menu', reached: 2, hungUp: 1, keys: [] }, { nodeId: 'sales', reached: 1, hungUp: 0, keys: [] }] },
      { flowId: 'hotline', flowVersion: 2, calls: 1, nodes: [{ nodeId: 'start', reached: 1, hungUp: 0, keys: [] }] },
    ]);
  });
});
