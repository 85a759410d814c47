import { localTime } from '@stumpfworks/flow';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertGeneratedCalls } from '../../history/generate-calls.js';
import { must, startTestServer, type TestServer } from '../../testing.js';

interface Figures { calls: number; answered: number; abandoned: number; serviceLevel: number | null }
interface Report {
  from: string;
  to: string;
  start: string;
  end: string;
  totals: Figures;
  buckets: Array<Figures & { start: string }>;
  heatmap: number[][];
  extensions: Array<Figures & { id: string }>;
  trunks: Array<Figures & { id: string }>;
  queues: Array<Figures & { id: string }>;
  funnels: Array<{ flowId: string; flowVersion: number; calls: number; nodes: Array<{ nodeId: string; reached: number; hungUp: number; keys: Array<{ digits: string; calls: number }> }> }>;
  keysSince: string;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('/analytics (real server, real SQLite, generated calls)', () => {
  let t: TestServer;
  const today = localTime(new Date(), 'Europe/Berlin').date;

  beforeAll(async () => {
    t = await startTestServer();
    // 20,000 calls over the 60 days before 2026-12-01 (UTC midnight), as the bench's but fewer.
    await insertGeneratedCalls(t.server.db, { count: 20_000, days: 60 });
    // Today: two calls through the hotline, one pressing 1 to reach sales, one hanging up in the menu.
    const now = Date.now();
    const base = { answered_at: null, ended_at: now, direction: 'inbound' as const, caller: '+4930555', caller_name: '', called: '+49301234500', trunk_id: 'carrier', flow_id: 'hotline', flow_version: 4, answered_by: null, queue_id: null, wait_ms: null, talk_ms: 0, voicemail_box: null, transferred_to: null };
    await t.server.db
      .insertInto('call_history')
      .values([
        { ...base, linkedid: 'today.1', started_at: now - 1000, path: JSON.stringify(['start', 'menu', 'sales']), outcome: 'missed', channel_ids: '["today.1"]' },
        { ...base, linkedid: 'today.2', started_at: now - 500, path: JSON.stringify(['start', 'menu']), outcome: 'abandoned', channel_ids: '["today.2"]' },
      ])
      .execute();
    const visit = { flow_id: 'hotline', flow_version: 4, engine: 'dialplan' as const, time: new Date(now - 800).toISOString() };
    await t.server.db
      .insertInto('node_visits')
      .values([
        { ...visit, node_id: 'menu', call_id: 'today.1', digits: null },
        { ...visit, node_id: 'sales', call_id: 'today.1', digits: '1' },
        { ...visit, node_id: 'menu', call_id: 'today.2', digits: null },
      ])
      .execute();
  });
  afterAll(() => t?.stop());

  it('counts a range as the table does, per hour, day and week, and the heatmap holds every call', async () => {
    const range = 'from=2026-11-02&to=2026-11-29';
    const days = await t.ok<Report>(`/analytics?${range}&granularity=day`);
    const start = Date.parse('2026-11-01T23:00:00Z'); // Berlin's midnight in winter
    const end = Date.parse('2026-11-29T23:00:00Z');
    const row = await sql<{ calls: number; answered: number }>`select count(*) as calls, sum(outcome = 'answered') as answered from call_history where started_at >= ${start} and started_at < ${end}`.execute(t.server.db);
    expect(days.totals.calls).toBeGreaterThan(5000);
    expect(days.totals).toMatchObject({ calls: row.rows[0]!.calls, answered: row.rows[0]!.answered });
    expect(days.start).toBe('2026-11-02T00:00:00+01:00');
    expect(days.end).toBe('2026-11-30T00:00:00+01:00');
    expect(days.buckets).toHaveLength(28);
    expect(sum(days.buckets.map((b) => b.calls))).toBe(days.totals.calls);
    expect(sum(days.heatmap.flat())).toBe(days.totals.calls);
    expect(days.heatmap.map((weekday) => weekday.length)).toEqual([24, 24, 24, 24, 24, 24, 24]);
    // Office hours are busier than the night.
    expect(days.heatmap[1]![10]!).toBeGreaterThan(days.heatmap[1]![3]! * 5);
    const weeks = await t.ok<Report>(`/analytics?${range}&granularity=week`);
    expect(weeks.buckets.map((b) => b.start)).toEqual(['2026-11-02T00:00:00+01:00', '2026-11-09T00:00:00+01:00', '2026-11-16T00:00:00+01:00', '2026-11-23T00:00:00+01:00']);
    const hours = await t.ok<Report>(`/analytics?${range}&granularity=hour`);
    expect(hours.buckets).toHaveLength(28 * 24);
    expect(sum(hours.buckets.map((b) => b.calls))).toBe(days.totals.calls);
    expect(days.trunks.map((g) => g.id).sort()).toEqual(['carrier', 'sipgate', 'telekom']);
    expect(days.queues.map((g) => g.id).sort()).toEqual(['sales', 'support']);
    expect(days.extensions.length).toBe(40);
    expect(days.funnels.map((f) => `${f.flowId}@${f.flowVersion}`).sort()).toEqual(['customer-lookup@2', 'hotline@3', 'reception@7']);
    for (const funnel of days.funnels) expect(funnel.nodes[0]).toMatchObject({ nodeId: 'start', reached: funnel.calls });
  });

  it('a higher service-level threshold never lowers the service level', async () => {
    const strict = await t.ok<Report>('/analytics?from=2026-11-02&to=2026-11-08&serviceLevelSeconds=5');
    const lenient = await t.ok<Report>('/analytics?from=2026-11-02&to=2026-11-08&serviceLevelSeconds=120');
    expect(lenient.totals.serviceLevel!).toBeGreaterThan(strict.totals.serviceLevel!);
    expect(lenient.totals.serviceLevel!).toBeLessThanOrEqual(1);
  });

  it('shows the funnel of today with the keys pressed (node visits) and where callers hung up', async () => {
    const report = await t.ok<Report>(`/analytics?from=${today}&to=${today}&granularity=hour`);
    expect(report.funnels).toEqual([
      {
        flowId: 'hotline',
        flowVersion: 4,
        calls: 2,
        nodes: [
          { nodeId: 'start', reached: 2, hungUp: 0, keys: [] },
          { nodeId: 'menu', reached: 2, hungUp: 1, keys: [] },
          { nodeId: 'sales', reached: 1, hungUp: 0, keys: [{ digits: '1', calls: 1 }] },
        ],
      },
    ]);
    expect(report.keysSince).toBe(report.start);
    // A range that began more than 7 days ago counts keys from a week ago only.
    const long = await t.ok<Report>('/analytics?from=2026-11-02&to=2026-11-29');
    expect(Date.parse(long.keysSince)).toBeGreaterThan(Date.parse(long.start));
  });

  it('defaults to the seven days up to today, by day', async () => {
    const report = await t.ok<Report>('/analytics');
    expect(report.to).toBe(today);
    expect(report.buckets).toHaveLength(7);
  });

  it('answers 422 with the field and a message in German or English', async () => {
    const issue = async (query: string, language = 'en') => {
      const response = await t.api(`/analytics?${query}`, { headers: { 'accept-language': language } });
      expect(response.status, query).toBe(422);
      return ((await response.json()) as { error: { issues: Array<{ path: string; message: string }> } }).error.issues[0]!;
    };
    expect(await issue('from=2026-13-01&to=2026-12-01')).toMatchObject({ path: 'from' });
    expect(await issue('from=2026-02-30')).toMatchObject({ path: 'from', message: 'no such date' });
    expect(await issue('from=2026-12-02&to=2026-12-01', 'de')).toMatchObject({ path: 'to', message: '„Bis“ liegt vor „Von“' });
    expect(await issue('from=2025-01-01&to=2026-12-01')).toMatchObject({ path: 'to', message: 'at most 366 days at once' });
    expect(await issue('from=2026-10-01&to=2026-11-30&granularity=hour')).toMatchObject({ path: 'granularity' });
    expect(await issue('granularity=month')).toMatchObject({ path: 'granularity' });
    expect(await issue('serviceLevelSeconds=0', 'de')).toMatchObject({ path: 'serviceLevelSeconds', message: 'Mindestens 1 Sekunde' });
    expect(await issue('serviceLevelSeconds=abc')).toMatchObject({ path: 'serviceLevelSeconds' });
    expect(await issue('timeZone=Mars/Olympus')).toMatchObject({ path: 'timeZone', message: 'a time zone such as Europe/Berlin' });
  });

  it('is for admins: an editor or operator token gets 403', async () => {
    for (const role of ['operator', 'editor']) {
      const { token } = await must<{ token: string }>(t.api('/tokens', { method: 'POST', json: { name: `analytics-${role}`, role } }), `create ${role} token`, 201);
      const response = await fetch(`${t.server.url}/api/v1/analytics`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, role).toBe(403);
    }
    const { token } = await must<{ token: string }>(t.api('/tokens', { method: 'POST', json: { name: 'analytics-admin', role: 'admin' } }), 'create admin token', 201);
    expect((await fetch(`${t.server.url}/api/v1/analytics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('uses another time zone when asked: the day starts at its midnight', async () => {
    const report = await t.ok<Report>('/analytics?from=2026-11-02&to=2026-11-02&timeZone=America/New_York');
    expect(report.start).toBe('2026-11-02T00:00:00-05:00');
    expect(report.heatmap[0]!.length).toBe(24);
  });
});
