/**
 * The canvas's traffic view in Chromium against the real server and the real Asterisk: calls into a
 * published menu flow (Local channels pressing keys) show on its canvas as counts per node, drop-off
 * and edges labelled with their steps; with live on, a new call's count appears without a reload.
 * Needs Debian chromium and a running Asterisk (asterisk/scripts/asterisk.sh start + env).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { AriClient } from '../support/ari.js';
import { keepGeneratedFiles, serverAsteriskEnv } from '../support/local-asterisk.js';
import { menuFlow } from '../support/menu-flow.js';
import { hasChromium, openWebSession, poll, type WebSession } from './harness.js';

const availability = await detectAsterisk();
const CALLER_APP = 'swf-web-canvas-caller';
const FLOW = menuFlow('web-canvas', '7321');
const DID = '4930721';

describe.skipIf(!hasChromium())('the traffic view in Chromium', () => describeWithAsterisk(availability, 'counts of real calls on the canvas (real Asterisk)', (asterisk) => {
  let restoreFiles: (() => Promise<void>) | undefined;
  let web: WebSession;
  let page: WebSession['page'];
  let ari: AriClient;

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
    web = await openWebSession({ ...serverAsteriskEnv(), KERNEL_BANS: 'off', ARI_APP: 'swf-web-canvas' });
    page = web.page;
    await web.server.ok('/flows', { method: 'POST', json: FLOW }, 201);
    await web.server.ok(`/flows/${FLOW.id}/versions`, { method: 'POST' }, 201);
    await web.server.ok('/routes/inbound', { method: 'POST', json: { id: FLOW.id, did: DID, target: { type: 'flow', id: FLOW.id } } }, 201);
    await web.server.ok('/publish', { method: 'POST' });
    ari = await AriClient.connect(CALLER_APP, asterisk);
  });
  afterAll(async () => {
    await ari?.close();
    await web?.close();
    await restoreFiles?.();
  });

  /** A call into the flow that presses `key` in the menu; resolves when it is over. */
  async function call(tag: string, key: string): Promise<void> {
    const since = ari.mark();
    const caller = `swf-web-canvas-${tag}-${Date.now()}`;
    const flowLeg = `${caller}-2`;
    await ari.originate({ endpoint: `Local/${DID}@stumpfworks-inbound`, app: CALLER_APP, channelId: caller, otherChannelId: flowLeg });
    await ari.waitFor('ChannelUserevent', (e) => e.channel?.id === flowLeg && e.eventname === 'SWFlowNode' && e.userevent['node'] === 'menu', { since, timeoutMs: 15_000 });
    await ari.sendDtmf(caller, key, { duration: 100 });
    await ari.waitFor('ChannelDestroyed', (e) => e.channel.id === flowLeg, { since, timeoutMs: 15_000 });
  }

  const counts = (nodeId: string) => page.getByTestId(`traffic-${nodeId}`);

  it('shows the counts of the calls just placed on the canvas', async () => {
    await Promise.all([call('a', '1'), call('b', '2')]);
    await page.goto(`${web.server.server.url}/flows/${FLOW.id}`);
    await poll(() => page.getByTestId('node-menu').count()).toBe(1);
    await page.getByRole('group', { name: 'Verkehr' }).getByLabel('Verkehr zeigen').check();
    await poll(() => counts('menu').getAttribute('data-calls')).toBe('2');
    expect(await counts('start').getAttribute('data-calls')).toBe('2');
    expect(await counts('beep').getAttribute('data-calls')).toBe('1');
    expect(await counts('bye1').getAttribute('data-ended')).toBe('1');
    expect(await counts('bye2').textContent()).toBe('1 Anruf⤓ 1 endete hier');
    expect(await counts('late').getAttribute('data-calls')).toBe('0');
    expect(await page.getByTestId('traffic-calls').textContent()).toBe('v1: 2 Anrufe');
    // Each menu key took half the calls: the edges say so, and the untaken ones are thin and grey.
    await poll(() => page.locator('.react-flow__edge.traffic').count()).toBe(4);
    expect(await page.locator('.react-flow__edge.no-traffic').count()).toBe(2);
    expect(await page.locator('.react-flow__edge-text').allTextContents()).toEqual(expect.arrayContaining(['2', '1 · 50 %', '1 · 50 %', '1']));
    await web.shot('canvas-traffic-01-counts');
  });

  it('with live on, a new call appears without a reload', async () => {
    await page.getByRole('group', { name: 'Verkehr' }).getByLabel('Live').check();
    await call('c', '1');
    await poll(() => counts('menu').getAttribute('data-calls')).toBe('3');
    await poll(() => counts('bye1').getAttribute('data-ended')).toBe('2');
    expect(await page.getByTestId('traffic-calls').textContent()).toBe('v1: 3 Anrufe');
    expect(await page.locator('.react-flow__edge-text').allTextContents()).toEqual(expect.arrayContaining(['2 · 67 %', '1 · 33 %']));
    await web.shot('canvas-traffic-02-live');
    expect(web.errors).toEqual([]);
  });
}));
