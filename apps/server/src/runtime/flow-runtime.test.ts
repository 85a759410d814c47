import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { MemoryVisitSink, type AriAdapter, type NodeVisit } from '@stumpfworks/ari-runtime';
import { describe, expect, it } from 'vitest';
// The runtime package's own in-memory ARI (not exported from the package: test-only).
import { FakeAri } from '../../../../packages/ari-runtime/src/testing/fake-ari.js';
import { startTestServer } from '../testing.js';
import { FlowRuntime } from './flow-runtime.js';

/** A 127.0.0.1 port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe('FlowRuntime', () => {
  it('stores the dialplan trace as visits, with the version of the last publish', async () => {
    const adapters = new Map<string, FakeAri>();
    const ari = new MemoryVisitSink();
    const dialplan = new MemoryVisitSink();
    const runtime = new FlowRuntime({
      ari: { url: 'http://127.0.0.1:1/ari', user: 'x', password: 'y' },
      initial: { flows: [], versions: {} },
      sinks: { ari, dialplan },
      log: () => undefined,
      adapter: (app): AriAdapter => {
        const fake = new FakeAri(app);
        adapters.set(app, fake);
        return fake;
      },
    });
    await runtime.ready();
    expect(runtime.connected).toBe(true);
    expect([...adapters.keys()].sort()).toEqual(['stumpfworks', 'stumpfworks-visits']);
    runtime.setFlows({ flows: [], versions: { hotline: 3 } });
    adapters.get('stumpfworks-visits')!.emit({
      type: 'ChannelUserevent',
      eventname: 'SWFlowNode',
      channel: { id: 'leg-2', name: 'Local/1@x-0001;2', state: 'Up', caller: { name: '', number: '' } },
      userevent: { flow: 'hotline', node: 'start' },
      timestamp: '2026-11-26T06:31:30.181+0000',
    } as never);
    expect(dialplan.visits).toEqual<NodeVisit[]>([{ flowId: 'hotline', flowVersion: 3, nodeId: 'start', callId: 'leg-2', time: '2026-11-26T06:31:30.181Z' }]);
    expect(runtime.health()).toMatchObject({ state: 'connected', apps: [{ name: 'stumpfworks', role: 'flows', registered: true }, { name: 'stumpfworks-visits', registered: true }] });
    // Another socket takes the visit watcher over: the runtime says so, naming the app.
    adapters.get('stumpfworks-visits')!.takeOver();
    expect(runtime.health()).toMatchObject({ state: 'replaced', apps: [{ state: 'registered' }, { name: 'stumpfworks-visits', state: 'replaced', registered: false }] });
    await runtime.stop();
    expect(runtime.connected).toBe(false);
  });
});

describe('the server with Asterisk down at start-up', () => {
  it('starts, reports Asterisk down, keeps the runtime retrying, and stops cleanly', async () => {
    const port = await closedPort();
    const logs: string[] = [];
    const t = await startTestServer(
      {
        ARI_URL: `http://127.0.0.1:${port}/ari`,
        ARI_USER: 'stumpfworks',
        ARI_PASSWORD: 'nope',
        AMI_PORT: String(port),
        AMI_USER: 'stumpfworks',
        AMI_SECRET: 'nope',
        ASTERISK_CONF_DIR: '/nonexistent',
      },
      { log: (line) => logs.push(line) },
    );
    try {
      const app = t.server.runtime!.health().apps[0]!.name;
      expect(await (await fetch(`${t.server.url}/health`)).json()).toEqual({
        status: 'ok',
        asterisk: 'down',
        runtime: 'connecting',
        apps: [
          { name: app, role: 'flows', state: 'connecting', registered: false, since: expect.any(String) },
          { name: `${app}-visits`, role: 'visits', state: 'connecting', registered: false, since: expect.any(String) },
        ],
        startedAt: expect.any(String),
      });
      expect(await t.ok('/runtime')).toEqual({ state: 'connecting', apps: [expect.objectContaining({ name: app }), expect.objectContaining({ name: `${app}-visits` })] });
      expect(t.server.runtime?.connected).toBe(false);
      expect((await t.api('/flows/none/traffic')).status).toBe(404); // the API works without Asterisk
      // The runtime keeps trying in the background (it logs each failed attempt).
      for (let i = 0; i < 100 && !logs.some((line) => line.includes('ARI not reachable, retrying')); i++) await new Promise((r) => setTimeout(r, 50));
      expect(logs.some((line) => line.includes('ARI not reachable, retrying'))).toBe(true);
    } finally {
      await t.stop();
    }
  });
});
