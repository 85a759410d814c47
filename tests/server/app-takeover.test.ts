/**
 * Issue 17, point 7, on the real local Asterisk: a second ARI connection registers the server's
 * Stasis app (as a second server with the same ARI_APP would), takes its calls, and closes again,
 * which leaves Asterisk without the app. The server says so in /health meanwhile, registers the
 * app again by itself, and the next ARI-mode call runs. A second server against the same Asterisk
 * and app, or the same DATA_DIR, is refused at start with a message in both languages.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { StartRefused } from '../../apps/server/src/instance/start-refused.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { AriClient } from '../support/ari.js';
import { beepFlow } from '../support/beep-flow.js';
import { keepGeneratedFiles, serverAsteriskEnv, type LocalAsterisk } from '../support/local-asterisk.js';
import { until } from '../support/until.js';

const availability = await detectAsterisk();
/** The server's Stasis app (ARI_APP), and the app of the test's own caller legs. */
const APP = 'swf-server-takeover';
const CALLER_APP = 'swf-takeover-caller';
const DID = '4930711';
/** A flow in dialplan mode: its visits come through the visit watcher, the runtime's second app. */
const DIALPLAN_DID = '4930712';

interface Health {
  status: string;
  asterisk: string;
  runtime: string;
  apps: Array<{ name: string; role: string; state: string; registered: boolean; since: string }>;
}

interface Traffic {
  last: Array<{ nodeId: string; callId: string; engine: string }>;
}

/** A bare event socket for `app` (several joined by commas), as a second server's runtime opens it; keeps what Asterisk sends. */
async function rogueSocket(asterisk: LocalAsterisk, app: string): Promise<{ socket: WebSocket; received: Array<{ type: string; channel?: { id: string } }> }> {
  const url = new URL(`${asterisk.ariUrl.replace(/^http/, 'ws')}/events`);
  url.searchParams.set('app', app);
  const auth = `Basic ${Buffer.from(`${asterisk.ariUser}:${asterisk.ariPassword}`).toString('base64')}`;
  const socket = new WebSocket(url, { headers: { Authorization: auth }, handshakeTimeout: 10_000 });
  const received: Array<{ type: string; channel?: { id: string } }> = [];
  socket.on('message', (data) => received.push(JSON.parse(String(data)) as { type: string }));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, received };
}

describeWithAsterisk(availability, 'the server notices when its Stasis app is taken over or gone', (asterisk) => {
  const env = serverAsteriskEnv();
  let t: TestServer;
  let ari: AriClient;
  let restoreFiles: (() => Promise<void>) | undefined;
  const health = async () => (await (await fetch(`${t.server.url}/health`)).json()) as Health;

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
    t = await startTestServer({ ...env, ARI_APP: APP });
    await t.server.runtime!.ready();
    for (const [id, number, did, deployment] of [['takeover', '7311', DID, 'ari'], ['takeover-dp', '7312', DIALPLAN_DID, 'dialplan']] as const) {
      await t.ok('/flows', { method: 'POST', json: beepFlow(id, number, deployment) }, 201);
      await t.ok(`/flows/${id}/versions`, { method: 'POST' }, 201);
      await t.ok('/routes/inbound', { method: 'POST', json: { id, did, target: { type: 'flow', id } } }, 201);
    }
    await t.ok('/publish', { method: 'POST' }, 200);
    ari = await AriClient.connect(CALLER_APP, asterisk);
  });

  afterAll(async () => {
    await ari?.close();
    await t?.stop();
    await restoreFiles?.();
  });

  /** Calls a DID; resolves with the flow leg's visits once the flow hung up (its `bye` visit is stored). */
  async function callRunsFlow(did = DID, flowId = 'takeover'): Promise<Traffic['last']> {
    const since = ari.mark();
    const channelId = `swf-takeover-${Date.now()}`;
    await ari.originate({ endpoint: `Local/${did}@stumpfworks-inbound`, app: CALLER_APP, channelId, otherChannelId: `${channelId}-2` });
    await ari.waitFor('ChannelDestroyed', (e) => e.channel.id === channelId, { since, timeoutMs: 20_000 });
    const flowLeg = `${channelId}-2`;
    const traffic = await until(
      `the visits of call ${flowLeg}`,
      () => t.ok<Traffic>(`/flows/${flowId}/traffic?minutes=10`),
      (x) => x.last.some((v) => v.callId === flowLeg && v.nodeId === 'bye'),
    );
    return traffic.last.filter((v) => v.callId === flowLeg).reverse();
  }

  it('reports the takeover in /health, registers the app again when the other connection goes, and ari calls run again', async () => {
    const before = await health();
    expect(before).toMatchObject({ status: 'ok', asterisk: 'up', runtime: 'connected' });
    expect(before.apps).toEqual([
      { name: APP, role: 'flows', state: 'registered', registered: true, since: expect.any(String) },
      { name: `${APP}-visits`, role: 'visits', state: 'registered', registered: true, since: expect.any(String) },
    ]);
    await callRunsFlow();

    // A second connection registers both apps, as a second server would: Asterisk hands them (and their calls) over and tells us.
    const rogue = await rogueSocket(asterisk, `${APP},${APP}-visits`);
    const taken = await until('the takeover in /health', health, (h) => h.apps.every((a) => a.state === 'replaced'));
    expect(taken).toMatchObject({ status: 'ok', asterisk: 'up', runtime: 'replaced' });
    // (checkedAt: whenever the last periodic check answered)
    expect(taken.apps).toEqual([
      expect.objectContaining({ name: APP, role: 'flows', state: 'replaced', registered: false, since: expect.any(String) }),
      expect.objectContaining({ name: `${APP}-visits`, role: 'visits', state: 'replaced', registered: false, since: expect.any(String) }),
    ]);
    expect(Date.parse(taken.apps[0]!.since)).toBeGreaterThanOrEqual(Date.parse(before.apps[0]!.since));

    // The server does not take the app back while the other connection holds it: a call now reaches the other one.
    const since = ari.mark();
    const channelId = `swf-takeover-rogue-${Date.now()}`;
    await ari.originate({ endpoint: `Local/${DID}@stumpfworks-inbound`, app: CALLER_APP, channelId, otherChannelId: `${channelId}-2` });
    const entered = await until('the call in the other connection', async () => rogue.received, (events) => events.some((e) => e.type === 'StasisStart' && e.channel?.id === `${channelId}-2`));
    expect(entered.some((e) => e.type === 'ApplicationReplaced')).toBe(false); // it is the new owner
    expect((await health()).runtime).toBe('replaced');
    await ari.request('DELETE', `/channels/${encodeURIComponent(`${channelId}-2`)}`);
    await ari.waitFor('ChannelDestroyed', (e) => e.channel.id === channelId, { since, timeoutMs: 20_000 });

    // The other connection goes: Asterisk drops the app; the server sees it and registers it again.
    const closedAt = Date.now();
    await new Promise<void>((resolve) => {
      rogue.socket.once('close', () => resolve());
      rogue.socket.close();
    });
    const back = await until('the apps registered again', health, (h) => h.runtime === 'connected');
    console.log(`takeover_reregistered_ms=${Date.now() - closedAt}`);
    expect(back.apps.map((a) => [a.name, a.state, a.registered])).toEqual([
      [APP, 'registered', true],
      [`${APP}-visits`, 'registered', true],
    ]);
    expect(Date.parse(back.apps[0]!.since)).toBeGreaterThanOrEqual(Date.parse(taken.apps[0]!.since));
    const listed = (await ari.request('GET', '/applications')) as Array<{ name: string }>;
    expect(listed.map((a) => a.name)).toEqual(expect.arrayContaining([APP, `${APP}-visits`]));

    // Both engines work again: the ari flow runs, and the dialplan flow's visits are recorded (the watcher subscribed again).
    expect((await callRunsFlow()).map((v) => [v.nodeId, v.engine])).toEqual([['start', 'ari'], ['beep', 'ari'], ['bye', 'ari']]);
    expect((await callRunsFlow(DIALPLAN_DID, 'takeover-dp')).map((v) => [v.nodeId, v.engine])).toEqual([['start', 'dialplan'], ['beep', 'dialplan'], ['bye', 'dialplan']]);
  });

  it('refuses a second server with the same ARI_APP on the same Asterisk, in both languages, and the first keeps its app', async () => {
    let refused: unknown;
    try {
      await startTestServer({ ...env, ARI_APP: APP }); // its own DATA_DIR: only Asterisk knows of the first
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(StartRefused);
    expect((refused as StartRefused).text.en).toContain(`Asterisk already has the Stasis app "${APP}", "${APP}-visits" registered by another live process`);
    expect((refused as StartRefused).text.de).toContain(`Asterisk hat die Stasis-App "${APP}", "${APP}-visits" schon für einen anderen laufenden Prozess registriert`);
    expect((await health()).runtime).toBe('connected');
    await callRunsFlow();
  });

  it('refuses a second server process on the same DATA_DIR with a message in both languages and exit code 1', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../apps/server/src/main.ts')], {
      env: { ...process.env, ...env, DATA_DIR: t.dataDir, PORT: '0', HOST: '127.0.0.1', ARI_APP: 'swf-takeover-second' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, stderr).toBe(1);
    expect(stderr).toContain(`another StumpfWorks VoIP server is running on DATA_DIR ${t.dataDir} (PID ${process.pid}`);
    expect(stderr).toContain(`Auf DATA_DIR ${t.dataDir} läuft schon ein anderer StumpfWorks-VoIP-Server`);
    expect((await health()).runtime).toBe('connected');
  });
});
