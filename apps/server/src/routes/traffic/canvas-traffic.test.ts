import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing.js';
import { VisitStore } from '../../traffic/visit-store.js';

const menuFlow = (name: string) => ({
  schemaVersion: 1,
  id: 'ivr',
  name,
  nodes: [
    { id: 'start', type: 'Start', params: { number: '7200' } },
    { id: 'menu', type: 'Menu', params: { prompt: { kind: 'sound', name: 'beep' }, timeoutSeconds: 5, maxAttempts: 1 } },
    { id: 'sales', type: 'Play', params: { prompt: { kind: 'sound', name: 'beep' } } },
    { id: 'bye', type: 'Hangup', params: {} },
  ],
  edges: [
    { from: 'start', output: 'next', to: 'menu' },
    { from: 'menu', output: '1', to: 'sales' },
    { from: 'menu', output: '2', to: 'sales' },
    { from: 'menu', output: 'timeout', to: 'bye' },
    { from: 'menu', output: 'invalid', to: 'bye' },
    { from: 'sales', output: 'next', to: 'bye' },
  ],
});

interface Canvas {
  version: number;
  liveVersion: number | null;
  versions: number[];
  calls: number;
  activeKnown: boolean;
  nodes: Array<{ nodeId: string; visits: number; calls: number; ended: number; active: number }>;
  edges: Array<{ from: string; to: string; outputs: string[]; steps: number; share: number; keys: Record<string, number> }>;
}

describe('/flows/{id}/traffic/canvas (real server, SQLite)', () => {
  let t: TestServer;
  const now = Date.now();
  const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString();

  beforeAll(async () => {
    t = await startTestServer();
    await t.ok('/flows', { method: 'POST', json: menuFlow('IVR') });
    await t.ok('/flows/ivr/versions', { method: 'POST' }); // version 1
    await t.ok('/flows/ivr/versions', { method: 'POST' }); // version 2, live
    const store = new VisitStore(t.server.db, { flushMs: 60_000 });
    const call = (engine: 'ari' | 'dialplan', version: number, callId: string, start: number, steps: Array<[string, string?]>) =>
      steps.forEach(([nodeId, digits], i) =>
        store.sink(engine).visit({ flowId: 'ivr', flowVersion: version, nodeId, callId, time: at(start - i), ...(digits ? { digits } : {}) }),
      );
    // Version 2 (live): two press 1, one presses 2, one hangs up in the menu; one waits in the menu (engines mixed).
    call('dialplan', 2, 'a', 100, [['start'], ['menu'], ['sales', '1'], ['bye']]);
    call('ari', 2, 'b', 90, [['start'], ['menu'], ['sales', '1'], ['bye']]);
    call('dialplan', 2, 'c', 80, [['start'], ['menu'], ['sales', '2']]);
    call('ari', 2, 'd', 70, [['start'], ['menu']]);
    // Version 1: before the new version went live; one call two hours ago.
    call('dialplan', 1, 'e', 600, [['start'], ['menu'], ['bye']]);
    call('dialplan', 1, 'f', 7200, [['start'], ['menu'], ['sales', '2'], ['bye']]);
    await store.close();
  });
  afterAll(() => t.stop());

  it('counts the live version by default: nodes, edges with their keys and share, drop-off', async () => {
    const body = (await t.ok('/flows/ivr/traffic/canvas?minutes=60')) as Canvas;
    expect(body).toMatchObject({ version: 2, liveVersion: 2, versions: [2, 1], calls: 4, activeKnown: true });
    expect(body.nodes).toEqual([
      { nodeId: 'menu', visits: 4, calls: 4, ended: 1, active: 0 },
      { nodeId: 'start', visits: 4, calls: 4, ended: 0, active: 0 },
      { nodeId: 'sales', visits: 3, calls: 3, ended: 1, active: 0 },
      { nodeId: 'bye', visits: 2, calls: 2, ended: 2, active: 0 },
    ]);
    expect(body.edges).toEqual([
      { from: 'start', to: 'menu', outputs: ['next'], steps: 4, share: 1, keys: {} },
      { from: 'menu', to: 'sales', outputs: ['1'], steps: 2, share: 0.5, keys: { '1': 2 } },
      { from: 'sales', to: 'bye', outputs: ['next'], steps: 2, share: 0.5, keys: {} },
      { from: 'menu', to: 'sales', outputs: ['2'], steps: 1, share: 0.25, keys: { '2': 1 } },
    ]);
  });

  it("shows an earlier version's own numbers, and only the range asked for", async () => {
    const v1 = (await t.ok('/flows/ivr/traffic/canvas?version=1&minutes=60')) as Canvas;
    expect(v1).toMatchObject({ version: 1, liveVersion: 2, calls: 1 });
    expect(v1.edges.map((e) => `${e.from}>${e.to}:${e.steps}`)).toEqual(['menu>bye:1', 'start>menu:1']);
    const older = (await t.ok(`/flows/ivr/traffic/canvas?version=1&from=${at(8000)}&to=${at(3600)}`)) as Canvas;
    expect(older.calls).toBe(1);
    expect(older.edges.find((e) => e.from === 'menu')).toEqual({ from: 'menu', to: 'sales', outputs: ['2'], steps: 1, share: 1, keys: { '2': 1 } });
    // A rollback appends a copy as version 3: it starts with no calls, and version 2 keeps its own.
    await t.ok('/flows/ivr/rollback', { method: 'POST', json: { version: 1 } });
    expect(((await t.ok('/flows/ivr/traffic/canvas')) as Canvas)).toMatchObject({ version: 3, liveVersion: 3, calls: 0, nodes: [], edges: [] });
    expect(((await t.ok('/flows/ivr/traffic/canvas?version=2')) as Canvas).calls).toBe(4);
  });

  it('answers 404 for an unknown flow and 422 with the field for a bad range, in both languages', async () => {
    expect((await t.api('/flows/nope/traffic/canvas')).status).toBe(404);
    const backwards = await t.api(`/flows/ivr/traffic/canvas?from=${at(10)}&to=${at(20)}`);
    expect(backwards.status).toBe(422);
    expect(await backwards.json()).toMatchObject({ error: { issues: [{ path: 'from', message: 'must be before `to`' }] } });
    const german = await t.api('/flows/ivr/traffic/canvas?to=gestern&version=0', { headers: { 'Accept-Language': 'de' } });
    expect(german.status).toBe(422);
    const issues = ((await german.json()) as { error: { issues: Array<{ path: string; message: string }> } }).error.issues;
    expect(issues.map((i) => i.path).sort()).toEqual(['to', 'version']);
    expect(issues.find((i) => i.path === 'to')?.message).toContain('ISO-Format');
  });
});
