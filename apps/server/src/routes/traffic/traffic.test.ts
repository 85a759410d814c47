import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing.js';
import { VisitStore } from '../../traffic/visit-store.js';
import { pruneVisits } from '../../traffic/visits.repository.js';

const flow = {
  schemaVersion: 1,
  id: 'hotline',
  name: 'Hotline',
  nodes: [
    { id: 'start', type: 'Start', params: { number: '7100' } },
    { id: 'bye', type: 'Hangup', params: {} },
  ],
  edges: [{ from: 'start', output: 'next', to: 'bye' }],
};

describe('/flows/{id}/traffic (real server)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    expect((await t.api('/flows', { method: 'POST', json: flow })).status).toBe(201);
  });
  afterAll(() => t.stop());

  it('counts visits per node over the window and lists the latest, from both engines', async () => {
    const store = new VisitStore(t.server.db, { flushMs: 60_000 });
    const now = Date.now();
    const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString();
    const visit = { flowId: 'hotline', flowVersion: 1 };
    store.sink('dialplan').visit({ ...visit, nodeId: 'start', callId: 'c1', time: at(30) });
    store.sink('dialplan').visit({ ...visit, nodeId: 'bye', callId: 'c1', time: at(29), digits: '1' });
    store.sink('ari').visit({ ...visit, nodeId: 'start', callId: 'c2', time: at(10) });
    store.sink('ari').visit({ ...visit, nodeId: 'start', callId: 'old', time: at(7200) }); // outside the hour
    await store.close();

    const response = await t.api('/flows/hotline/traffic?minutes=60&last=2');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { calls: number; nodes: unknown[]; last: unknown[] };
    expect(body.calls).toBe(2);
    expect(body.nodes).toEqual([
      { nodeId: 'start', visits: 2, calls: 2 },
      { nodeId: 'bye', visits: 1, calls: 1 },
    ]);
    expect(body.last).toEqual([
      { nodeId: 'start', callId: 'c2', time: at(10), flowVersion: 1, engine: 'ari' },
      { nodeId: 'bye', callId: 'c1', time: at(29), flowVersion: 1, engine: 'dialplan', digits: '1' },
    ]);
    const day = (await t.ok('/flows/hotline/traffic?minutes=1440')) as { calls: number };
    expect(day.calls).toBe(3);
  });

  it('answers 404 for an unknown flow and 422 for a bad window', async () => {
    expect((await t.api('/flows/nope/traffic')).status).toBe(404);
    const bad = await t.api('/flows/hotline/traffic?minutes=0');
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { issues: [{ path: 'minutes' }] } });
  });

  it('keeps the table bounded by age and by count', async () => {
    const db = t.server.db;
    const row = (callId: string, time: string) => ({ flow_id: 'hotline', flow_version: 1, node_id: 'start', call_id: callId, time, digits: null, engine: 'ari' as const });
    await db.deleteFrom('node_visits').execute();
    await db
      .insertInto('node_visits')
      .values([row('a', '2026-01-01T00:00:00.000Z'), row('b', '2026-11-01T00:00:00.000Z'), row('c', '2026-11-02T00:00:00.000Z'), row('d', '2026-11-03T00:00:00.000Z')])
      .execute();
    expect(await pruneVisits(db, '2026-10-01T00:00:00.000Z', 2)).toBe(2); // a by age, then b beyond the newest two
    expect((await db.selectFrom('node_visits').select('call_id').orderBy('time').execute()).map((r) => r.call_id)).toEqual(['c', 'd']);
  });
});
