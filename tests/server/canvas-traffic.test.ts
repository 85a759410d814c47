/**
 * The canvas's traffic on the real local Asterisk: a menu flow published through the API, four
 * concurrent Local-channel calls into it, two pressing 1, one pressing 2 and one waiting in the menu;
 * GET /flows/{id}/traffic/canvas counts them per node and per edge with their keys, shows the
 * waiting call at the menu while it is up (Asterisk's channels) and as ended there once it hung up.
 * Both engines: the flow in dialplan mode, then the same in ari mode (the server's Stasis app).
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { AriClient } from '../support/ari.js';
import { keepGeneratedFiles, serverAsteriskEnv } from '../support/local-asterisk.js';
import { menuFlow } from '../support/menu-flow.js';
import { until } from '../support/until.js';

const availability = await detectAsterisk();
const APP = 'swf-canvas-rt';
const CALLER_APP = 'swf-canvas-caller';

interface Canvas {
  version: number;
  calls: number;
  activeKnown: boolean;
  nodes: Array<{ nodeId: string; visits: number; calls: number; ended: number; active: number }>;
  edges: Array<{ from: string; to: string; outputs: string[]; steps: number; share: number; keys: Record<string, number> }>;
}

describeWithAsterisk(availability, 'traffic on the canvas from real calls', (asterisk) => {
  const env = serverAsteriskEnv();
  let t: TestServer;
  let ari: AriClient;
  let restoreFiles: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
    t = await startTestServer({ ...env, ARI_APP: APP });
    await t.server.runtime!.ready();
    ari = await AriClient.connect(CALLER_APP, asterisk);
  });

  afterAll(async () => {
    await ari?.close();
    await t?.stop();
    await restoreFiles?.();
  });

  /** The canvas traffic of a flow once `done` holds (visits are written in batches). */
  const canvasUntil = (flowId: string, done: (traffic: Canvas) => boolean) =>
    until(`the canvas traffic of ${flowId}`, async () => (await t.ok(`/flows/${flowId}/traffic/canvas?minutes=10`)) as Canvas, done);

  /**
   * Calls `did`; once the flow leg is in the menu, presses `key` (none: waits there). Returns both
   * legs. In the menu: the dialplan's trace event, or (ari mode) the menu's prompt starting.
   */
  async function callAndPress(did: string, tag: string, key?: string): Promise<{ caller: string; flowLeg: string }> {
    const since = ari.mark();
    const caller = `swf-canvas-${tag}-${Date.now()}`;
    const flowLeg = `${caller}-2`;
    await ari.originate({ endpoint: `Local/${did}@stumpfworks-inbound`, app: CALLER_APP, channelId: caller, otherChannelId: flowLeg });
    if (tag.startsWith('ari')) await ari.waitFor('PlaybackStarted', (e) => e.playback.target_uri === `channel:${flowLeg}`, { since, timeoutMs: 15_000 });
    else await ari.waitFor('ChannelUserevent', (e) => e.channel?.id === flowLeg && e.eventname === 'SWFlowNode' && e.userevent['node'] === 'menu', { since, timeoutMs: 15_000 });
    if (key !== undefined) {
      await ari.sendDtmf(caller, key, { duration: 100 });
      await ari.waitFor('ChannelDestroyed', (e) => e.channel.id === flowLeg, { since, timeoutMs: 15_000 });
    }
    return { caller, flowLeg };
  }

  async function publishMenu(id: string, number: string, did: string, deployment: 'dialplan' | 'ari'): Promise<void> {
    await t.ok('/flows', { method: 'POST', json: menuFlow(id, number, deployment) });
    await t.ok(`/flows/${id}/versions`, { method: 'POST' });
    await t.ok('/routes/inbound', { method: 'POST', json: { id, did, target: { type: 'flow', id } } });
    const published = await t.api('/publish', { method: 'POST' });
    expect(published.status, await published.clone().text()).toBe(200);
  }

  for (const [deployment, did, number] of [['dialplan', '4930711', '7311'], ['ari', '4930712', '7312']] as const) {
    it(`counts concurrent calls of a ${deployment}-mode flow per node, per edge and per key, and where they ended`, async () => {
      const id = `canvas-${deployment}`;
      await publishMenu(id, number, did, deployment);
      const waiting = await callAndPress(did, `${deployment}-wait`);
      // Three callers at once, while the fourth waits in the menu.
      await Promise.all([callAndPress(did, `${deployment}-a`, '1'), callAndPress(did, `${deployment}-b`, '2'), callAndPress(did, `${deployment}-c`, '1')]);

      const during = await canvasUntil(id, (x) => x.nodes.find((n) => n.nodeId === 'bye1')?.ended === 2 && x.nodes.some((n) => n.nodeId === 'bye2'));
      expect(during).toMatchObject({ version: 1, calls: 4, activeKnown: true });
      expect(during.nodes).toEqual([
        { nodeId: 'menu', visits: 4, calls: 4, ended: 0, active: 1 },
        { nodeId: 'start', visits: 4, calls: 4, ended: 0, active: 0 },
        { nodeId: 'beep', visits: 2, calls: 2, ended: 0, active: 0 },
        { nodeId: 'bye1', visits: 2, calls: 2, ended: 2, active: 0 },
        { nodeId: 'bye2', visits: 1, calls: 1, ended: 1, active: 0 },
      ]);
      expect(during.edges).toEqual([
        { from: 'start', to: 'menu', outputs: ['next'], steps: 4, share: 1, keys: {} },
        { from: 'beep', to: 'bye1', outputs: ['next'], steps: 2, share: 0.5, keys: {} },
        { from: 'menu', to: 'beep', outputs: ['1'], steps: 2, share: 0.5, keys: { '1': 2 } },
        { from: 'menu', to: 'bye2', outputs: ['2'], steps: 1, share: 0.25, keys: { '2': 1 } },
      ]);

      // The waiting caller hangs up in the menu: drop-off there.
      const since = ari.mark();
      await ari.hangup(waiting.caller);
      await ari.waitFor('ChannelDestroyed', (e) => e.channel.id === waiting.flowLeg, { since, timeoutMs: 15_000 });
      const after = await canvasUntil(id, (x) => x.nodes.find((n) => n.nodeId === 'menu')?.ended === 1);
      expect(after.nodes.find((n) => n.nodeId === 'menu')).toEqual({ nodeId: 'menu', visits: 4, calls: 4, ended: 1, active: 0 });
    });
  }
});
