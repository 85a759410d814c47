/**
 * The ARI runtime hosted by the server, on the real local Asterisk: a flow in `ari` mode published
 * through the API answers a Local-channel call (the Stasis app runs it), and its node visits, like
 * those of a flow in dialplan mode, appear in GET /flows/{id}/traffic.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { AriClient } from '../support/ari.js';
import { beepFlow } from '../support/beep-flow.js';
import { keepGeneratedFiles, serverAsteriskEnv } from '../support/local-asterisk.js';

const availability = await detectAsterisk();
/** The Stasis app of this test's server (ARI_APP). */
const APP = 'swf-server-rt';

interface Traffic {
  calls: number;
  nodes: Array<{ nodeId: string; visits: number }>;
  last: Array<{ nodeId: string; callId: string; engine: string; flowVersion: number }>;
}

describeWithAsterisk(availability, 'the ARI runtime inside the server', (asterisk) => {
  const env = serverAsteriskEnv();
  let t: TestServer;
  let ari: AriClient;
  let restoreFiles: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
    // An app of its own: another server on this Asterisk (e.g. the web suite's) runs `stumpfworks`.
    t = await startTestServer({ ...env, ARI_APP: APP });
    await t.server.runtime!.ready();
    expect(t.server.runtime!.connected).toBe(true);
    expect(await (await fetch(`${t.server.url}/health`)).json()).toEqual({
      status: 'ok',
      asterisk: 'up',
      runtime: 'connected',
      apps: [
        { name: APP, role: 'flows', state: 'registered', registered: true, since: expect.any(String) },
        { name: `${APP}-visits`, role: 'visits', state: 'registered', registered: true, since: expect.any(String) },
      ],
      startedAt: expect.any(String),
    });
    ari = await AriClient.connect('swf-server-runtime', asterisk);
  });

  afterAll(async () => {
    await ari?.close();
    await t?.stop();
    await restoreFiles?.();
  });

  /** Polls the traffic of a flow until `done` holds (visits are written in batches). */
  async function trafficUntil(flowId: string, done: (traffic: Traffic) => boolean): Promise<Traffic> {
    let traffic: Traffic | undefined;
    for (let attempt = 0; attempt < 100; attempt++) {
      traffic = (await t.ok(`/flows/${flowId}/traffic?minutes=10`)) as Traffic;
      if (done(traffic)) return traffic;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the traffic of ${flowId} never got there: ${JSON.stringify(traffic)}`);
  }

  /** Calls a DID through the inbound context; returns the flow leg's channel id once the call was answered. */
  async function callDid(did: string): Promise<string> {
    const since = ari.mark();
    const channelId = `swf-rt-${did}-${Date.now()}`;
    await ari.originate({ endpoint: `Local/${did}@stumpfworks-inbound`, app: 'swf-server-runtime', channelId, otherChannelId: `${channelId}-2` });
    // The ;1 leg enters our app only when the flow leg answers.
    await ari.waitFor('StasisStart', (e) => e.channel.id === channelId, { since, timeoutMs: 15_000 });
    await ari.waitFor('ChannelDestroyed', (e) => e.channel.id === channelId, { since, timeoutMs: 15_000 });
    return `${channelId}-2`;
  }

  it('publishes an ari-mode flow through the API; the server runs it and stores its visits', async () => {
    expect((await t.api('/flows', { method: 'POST', json: beepFlow('rt-ari', '7301', 'ari') })).status).toBe(201);
    expect((await t.api('/flows/rt-ari/versions', { method: 'POST' })).status).toBe(201);
    expect((await t.api('/routes/inbound', { method: 'POST', json: { id: 'rt-ari', did: '4930701', target: { type: 'flow', id: 'rt-ari' } } })).status).toBe(201);
    const published = await t.api('/publish', { method: 'POST' });
    expect(published.status, await published.clone().text()).toBe(200);
    expect(((await published.json()) as { diff: Record<string, string> }).diff['extensions.conf']).toContain(`Stasis(${APP},rt-ari)`);

    const flowLeg = await callDid('4930701');
    const traffic = await trafficUntil('rt-ari', (x) => x.last.some((v) => v.callId === flowLeg && v.nodeId === 'bye'));
    const visits = traffic.last.filter((v) => v.callId === flowLeg);
    expect(visits.map((v) => v.nodeId).reverse()).toEqual(['start', 'beep', 'bye']);
    expect(visits.every((v) => v.engine === 'ari' && v.flowVersion === 1)).toBe(true);
    expect(traffic.nodes).toEqual(expect.arrayContaining([expect.objectContaining({ nodeId: 'beep', visits: 1 })]));
  });

  it('runs a version published later without a restart, and stores dialplan-mode visits too', async () => {
    // Version 2 of the ari flow: the runtime gets it from the publish.
    expect((await t.api('/flows/rt-ari/versions', { method: 'POST' })).status).toBe(201);
    expect((await t.api('/flows', { method: 'POST', json: beepFlow('rt-dp', '7302', 'dialplan') })).status).toBe(201);
    expect((await t.api('/flows/rt-dp/versions', { method: 'POST' })).status).toBe(201);
    expect((await t.api('/routes/inbound', { method: 'POST', json: { id: 'rt-dp', did: '4930702', target: { type: 'flow', id: 'rt-dp' } } })).status).toBe(201);
    expect((await t.api('/publish', { method: 'POST' })).status).toBe(200);

    const ariLeg = await callDid('4930701');
    const ariTraffic = await trafficUntil('rt-ari', (x) => x.last.some((v) => v.callId === ariLeg && v.nodeId === 'bye'));
    expect(ariTraffic.last.filter((v) => v.callId === ariLeg).every((v) => v.flowVersion === 2)).toBe(true);

    const dialplanLeg = await callDid('4930702');
    const traffic = await trafficUntil('rt-dp', (x) => x.last.some((v) => v.callId === dialplanLeg && v.nodeId === 'bye'));
    const visits = traffic.last.filter((v) => v.callId === dialplanLeg);
    expect(visits.map((v) => v.nodeId).reverse()).toEqual(['start', 'beep', 'bye']);
    expect(visits.every((v) => v.engine === 'dialplan' && v.flowVersion === 1)).toBe(true);
  });
});
