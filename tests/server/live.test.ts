/**
 * The live monitor (GET /live, Server-Sent Events) on the real Asterisk: registrations, a sipp
 * call through a published flow (its node, its parties), a blind transfer to another extension
 * (a sipp UAS there answers), a hang-up through the API, and a hostile caller name that arrives
 * as plain text. Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true
 * a missing one fails.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn } from '../../apps/server/src/auth/session-client.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { must, startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { AriClient } from '../support/ari.js';
import { keepGeneratedFiles, serverAsteriskEnv, stateFilePath, writeAndReload } from '../support/local-asterisk.js';
import { LiveStream } from './live-stream.js';
import { freePort, sippCallAndHangUp, sippRegister } from './sipp.js';
import { SippUas } from './sipp-uas.js';

const availability = await detectAsterisk();
const secretOf = (id: string) => `Live-Monitor-${id.split('').reverse().join('')}x`;
/** Holds a Local channel's ;2 leg in the dialplan, answered (the hostile caller, the hang-up), or waiting in one of two queues. */
const WAIT_DIALPLAN = `
[swf-live-test]
exten => wait,1,Answer()
 same => n,Wait(60)
exten => qa,1,Answer()
 same => n,Queue(swf-live-a,,,,60)
exten => qb,1,Answer()
 same => n,Queue(swf-live-b,,,,60)
`;
/** Dialplan syntax, markup, | ; and & in a caller name: the stream must carry it as it is. */
const HOSTILE_NAME = '<img src=x onerror=alert(1)> ${SHELL(id)} $[1+1] a|b;c&d';

describeWithAsterisk(availability, 'the live monitor on the real Asterisk', (asterisk) => {
  const state = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
  let t: TestServer;
  let ari: AriClient;
  let live: LiveStream;
  let restoreFiles: (() => Promise<void>) | undefined;
  const phones = new Map<string, SippUas>();

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, { ...GENERATED_FILES, 'extensions-test.conf': 'pbx_config.so' });
    t = await startTestServer({ ...serverAsteriskEnv(), ARI_APP: 'swf-live' });
    await t.server.runtime!.ready();
    for (const id of ['1360', '1361', '1362']) await t.ok('/extensions', { method: 'POST', json: { id, name: `Phone ${id}`, secret: secretOf(id), codecs: ['ulaw'] } }, 201);
    const flow = {
      schemaVersion: 1,
      id: 'live-f',
      name: 'Live',
      deployment: 'dialplan',
      nodes: [{ id: 'start', type: 'Start', params: { number: '7360' } }, { id: 'ring', type: 'Dial', params: { targets: ['1361'], ringSeconds: 20 } }, { id: 'bye', type: 'Hangup', params: {} }],
      edges: [{ from: 'start', output: 'next', to: 'ring' }, { from: 'ring', output: 'noAnswer', to: 'bye' }],
    };
    await t.ok('/flows', { method: 'POST', json: flow }, 201);
    // Queues whose member is never registered: a caller waits until hung up.
    for (const id of ['swf-live-a', 'swf-live-b']) await t.ok('/queues', { method: 'POST', json: { id, name: id, members: ['1360'] } }, 201);
    await t.ok('/flows/live-f/versions', { method: 'POST' }, 201);
    await t.ok('/publish', { method: 'POST' }, 200);
    await writeAndReload(asterisk, 'extensions-test.conf', WAIT_DIALPLAN, 'pbx_config.so');
    ari = await AriClient.connect('swf-live-test', asterisk);
    live = await LiveStream.open(`${t.server.url}/api/v1/live`, { authorization: `Bearer ${t.token}` });
  });

  afterAll(async () => {
    live?.close();
    for (const phone of phones.values()) await phone.stop();
    await ari?.close();
    await t?.stop();
    await restoreFiles?.();
  });

  it('starts with a snapshot and shows a phone registering', async () => {
    expect(live.messages[0]?.event).toBe('snapshot');
    await live.until('connected', (s) => s.connected || s.messages.filter((m) => m.event === 'snapshot').length > 1);
    // Made through the API after the server started: listed (the monitor reads the endpoints again after changes and publishes), not registered.
    const listed = await live.until('1360 to 1362 listed', (s) => ['1360', '1361', '1362'].every((id) => s.endpoints.extensions.some((e) => e.id === id)) && s.endpoints);
    expect(listed.extensions.find((e) => e.id === '1361')!.state).not.toBe('online');
    for (const id of ['1361', '1362']) {
      const port = await freePort();
      const registered = await sippRegister(state.sipPort, id, secretOf(id), port);
      expect(registered.status, registered.output).toBe(0);
      phones.set(id, new SippUas(port));
    }
    await live.until('1361 and 1362 online', (s) => ['1361', '1362'].every((id) => s.endpoints.extensions.find((e) => e.id === id)?.state === 'online'));
  });

  it('shows a sipp call through the flow, moves it to 1362 by a blind transfer, and drops it when it ends', async () => {
    const call = sippCallAndHangUp(state.sipPort, '1360', secretOf('1360'), '7360', 10_000);
    const talking = await live.until('the call talking to 1361', (s) => [...s.calls.values()].find((c) => c.caller.number === '1360' && c.state === 'up' && c.other.number === '1361'));
    expect(talking.channelName).toMatch(/^PJSIP\/1360-/);
    expect(talking.node).toEqual({ flowId: 'live-f', flowVersion: 1, nodeId: 'ring' });
    expect(talking.startedAt).toBeLessThanOrEqual(Date.now());

    // A new client gets the call in its first snapshot; once it goes away, the server lets it go.
    const subscribers = t.server.live!.subscribers;
    const second = await LiveStream.open(`${t.server.url}/api/v1/live`, { authorization: `Bearer ${t.token}` });
    try {
      const first = await second.until('snapshot', (s) => s.messages[0]);
      expect(first.event).toBe('snapshot');
      expect((first.data as { calls: Array<{ id: string }> }).calls.map((c) => c.id)).toContain(talking.id);
      expect(t.server.live!.subscribers).toBe(subscribers + 1);
    } finally {
      second.close();
    }
    for (let i = 0; i < 100 && t.server.live!.subscribers !== subscribers; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(t.server.live!.subscribers).toBe(subscribers);

    const refused = await t.api(`/calls/${encodeURIComponent(talking.channel)}/transfer`, { method: 'POST', json: { to: '13;62' }, headers: { 'accept-language': 'de' } });
    expect(refused.status).toBe(422);
    const refusal = (await refused.json()) as { error: { issues: Array<{ path: string; message: string }> } };
    expect(refusal.error.issues).toEqual([{ path: 'to', message: expect.stringContaining('Nur Ziffern') }]);
    const nowhere = await t.api(`/calls/${encodeURIComponent(talking.channel)}/transfer`, { method: 'POST', json: { to: '99999999999999999' } });
    expect(nowhere.status).toBe(422);

    await t.ok(`/calls/${encodeURIComponent(talking.channel)}/transfer`, { method: 'POST', json: { to: '1362' } }, 204);
    const moved = await live.until('the call talking to 1362', (s) => {
      const c = s.calls.get(talking.id);
      return c?.state === 'up' && c.other.number === '1362' ? c : undefined;
    });
    expect(moved.channel).toBe(talking.channel);
    // 1361's leg was hung up; 1362's phone answered.
    expect(phones.get('1361')!.messages()).toMatch(/^BYE /m);
    expect(phones.get('1362')!.messages()).toMatch(/SIP\/2\.0 200 OK/);

    const ended = await call;
    expect(ended.status, ended.output).toBe(0);
    await live.until('the call gone', (s) => !s.calls.has(talking.id));
    expect(live.messages.some((m) => m.event === 'call-end' && (m.data as { id: string }).id === talking.id)).toBe(true);
  });

  it('carries a hostile caller name as plain text, and hangs the call up through the API', async () => {
    const caller = await ari.originate({ endpoint: 'Local/wait@swf-live-test', app: ari.app, callerId: `"${HOSTILE_NAME}" <0301234>` });
    // Newchannel comes before the originate's caller id (NewCallerid): wait for the number.
    const shown = await live.until('the hostile caller', (s) => (s.calls.get(caller.id)?.caller.number === '0301234' ? s.calls.get(caller.id) : undefined));
    expect(shown.caller).toEqual({ number: '0301234', name: HOSTILE_NAME });
    // JSON in the data lines: the markup is a string, never a line of its own.
    expect(live.raw).toContain(JSON.stringify(HOSTILE_NAME));
    await t.ok(`/calls/${encodeURIComponent(shown.channel)}/hangup`, { method: 'POST' }, 204);
    await live.until('the hostile call gone', (s) => !s.calls.has(caller.id));
  });

  it("shows an operator the calls of their own queue only, also when a call moves into another one", async () => {
    const user = await t.ok<{ id: string }>('/users', { method: 'POST', json: { username: 'live-op', role: 'operator', password: 'one-time-pass-1' } }, 201);
    const first = await logIn(t, 'live-op', 'one-time-pass-1');
    await must(first.api('/auth/password', { method: 'PUT', json: { currentPassword: 'one-time-pass-1', newPassword: 'live-operator-pass-1' } }), 'own password');
    await t.ok(`/users/${user.id}/assignment`, { method: 'PUT', json: { queues: ['swf-live-a'], mailboxes: [] } });
    const operator = await logIn(t, 'live-op', 'live-operator-pass-1');
    const mine = await LiveStream.open(`${t.server.url}/api/v1/live`, { cookie: operator.cookie });
    try {
      const a = await ari.originate({ endpoint: 'Local/qa@swf-live-test', app: ari.app, callerId: '"A" <0300001>' });
      const b = await ari.originate({ endpoint: 'Local/qb@swf-live-test', app: ari.app, callerId: '"B" <0300002>' });
      await live.until('both callers in their queues', (s) => s.calls.get(a.id)?.queue === 'swf-live-a' && s.calls.get(b.id)?.queue === 'swf-live-b');
      await mine.until("the operator's caller in the queue", (s) => s.calls.get(a.id)?.state === 'queue');
      // b's call showed to the operator while it rang through the dialplan; once in swf-live-b it ended for them.
      await mine.until("the other queue's caller gone", (s) => !s.calls.has(b.id));
      const refused = await operator.api(`/calls/${encodeURIComponent(b.id)}/transfer`, { method: 'POST', json: { to: '1362' } });
      expect(refused.status).toBe(403);
      // A new stream of the operator's starts without it.
      const again = await LiveStream.open(`${t.server.url}/api/v1/live`, { cookie: operator.cookie });
      const snapshot = await again.until('snapshot', (s) => s.messages[0]);
      again.close();
      expect((snapshot.data as { calls: Array<{ id: string }> }).calls.map((c) => c.id)).toEqual(expect.arrayContaining([a.id]));
      expect((snapshot.data as { calls: Array<{ id: string }> }).calls.map((c) => c.id)).not.toContain(b.id);
      for (const caller of [a, b]) await ari.hangup(caller.id);
      await mine.until('the caller gone', (s) => !s.calls.has(a.id));
    } finally {
      mine.close();
    }
  });
});
