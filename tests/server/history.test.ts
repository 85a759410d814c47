/**
 * The call history on the real Asterisk: calls placed with AMI Originate on Local channels (the
 * caller: `Local/<DID>@stumpfworks-inbound`, whose first half waits a few seconds and hangs up)
 * run published flows that reach sipp phones (answering, busy), a voicemail box, a queue whose
 * only agent never answers, an extension that never answers and one that is not registered. Each
 * call must give exactly one call_history row, built by the server from Asterisk's CEL journal,
 * with the right outcome, parties, flow and path. The calls run at once; each has its own
 * LINKEDID (the originate's ChannelId), so its row is found by that. A call that ends while the
 * server is stopped appears once it runs again.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { amiAction } from '../../apps/server/src/asterisk/ami.js';
import type { CallHistoryTable } from '../../apps/server/src/db/tables.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { DEFAULT_ASTERISK_ROOT, keepGeneratedFiles, localAmi, serverAsteriskEnv, stateFilePath } from '../support/local-asterisk.js';
import { freePort, sippRegister } from './sipp.js';
import { SippUas } from './sipp-uas.js';

const availability = await detectAsterisk();
const BUSY = fileURLToPath(new URL('./sipp/uas-busy.xml', import.meta.url));
const TRUNK_CALL = fileURLToPath(new URL('./sipp/trunk-short-call.xml', import.meta.url));
/** The provider's own loopback address: its calls come from there through the trunk `hxcarrier`. */
const PROVIDER = '127.0.5.42';
const TRUNK_DID = '4940109';
const secretOf = (id: string) => `History-Probe-${id.split('').reverse().join('')}x`;
/** A caller name and number a hostile trunk could send: quotes, commas, dialplan expressions. */
const HOSTILE_NAME = 'Evil, "Boss" $[1+1] ${EXTEN}';
const HOSTILE_NUMBER = '0301$[2]${X}';

type Target = { dial: string; ringSeconds?: number } | { queue: string } | { voicemail: string };

/** Start -> Dial / Queue / Voicemail; Dial's and Queue's unanswered outputs go to a Hangup node `bye`. */
function flow(id: string, to: Target) {
  const node = 'dial' in to
    ? { id: 'ring', type: 'Dial', params: { targets: [to.dial], ringSeconds: to.ringSeconds ?? 15 } }
    : 'queue' in to
      ? { id: 'wait', type: 'Queue', params: { queue: to.queue, maxWaitSeconds: 30 } }
      : { id: 'box', type: 'Voicemail', params: { mailbox: to.voicemail } };
  const edges = 'dial' in to
    ? ['noAnswer', 'busy', 'unavailable'].map((output) => ({ from: 'ring', output, to: 'bye' }))
    : 'queue' in to ? [{ from: 'wait', output: 'overflow', to: 'bye' }] : [];
  return {
    schemaVersion: 1,
    id,
    name: `History ${id}`,
    deployment: 'dialplan',
    nodes: [{ id: 'start', type: 'Start', params: {} }, node, { id: 'bye', type: 'Hangup', params: {} }],
    edges: [{ from: 'start', output: 'next', to: node.id }, ...edges],
  };
}

/** A flow the server's ARI runtime runs: Start -> Play (hello-world, 1.4 s) -> Hangup. */
function ariFlow(id: string) {
  return {
    schemaVersion: 1,
    id,
    name: `History ${id}`,
    deployment: 'ari',
    nodes: [{ id: 'start', type: 'Start', params: {} }, { id: 'hello', type: 'Play', params: { prompt: { kind: 'sound', name: 'hello-world' } } }, { id: 'bye', type: 'Hangup', params: {} }],
    edges: [{ from: 'start', output: 'next', to: 'hello' }, { from: 'hello', output: 'next', to: 'bye' }],
  };
}

/** The extensions: answering phones, a busy one, a voicemail box, one that never answers (a dead contact), one never registered. */
const ANSWERS = '4101';
const BUSY_PHONE = '4102';
const BOX = '4103';
const TRANSFER_FROM = '4104';
const TRANSFER_TO = '4105';
const SILENT = '4106';
const UNREGISTERED = '4107';

const CASES = {
  answered: { did: '4940101', flow: flow('hx-answer', { dial: ANSWERS }), waitSeconds: 4 },
  busy: { did: '4940102', flow: flow('hx-busy', { dial: BUSY_PHONE }), waitSeconds: 10 },
  voicemail: { did: '4940103', flow: flow('hx-vm', { voicemail: BOX }), waitSeconds: 3 },
  abandoned: { did: '4940104', flow: flow('hx-queue', { queue: 'hxq' }), waitSeconds: 3 },
  missed: { did: '4940105', flow: flow('hx-missed', { dial: SILENT, ringSeconds: 5 }), waitSeconds: 20 },
  failed: { did: '4940106', flow: flow('hx-failed', { dial: UNREGISTERED }), waitSeconds: 10 },
  transferred: { did: '4940107', flow: flow('hx-xfer', { dial: TRANSFER_FROM }), waitSeconds: 8 },
  ari: { did: '4940108', flow: ariFlow('hx-ari'), waitSeconds: 6 },
} as const;
type Case = keyof typeof CASES;

describeWithAsterisk(availability, 'the call history from the CEL journal, on the real Asterisk', (asterisk) => {
  const state = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
  const journal = join(asterisk.asteriskRoot ?? process.env.ASTERISK_ROOT ?? DEFAULT_ASTERISK_ROOT, 'var/log/asterisk/cdr-custom/stumpfworks-cel.csv');
  let t: TestServer;
  let restoreFiles: (() => Promise<void>) | undefined;
  const phones: SippUas[] = [];
  const ami = localAmi();

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
    t = await startTestServer({ ...serverAsteriskEnv(), ARI_APP: 'swf-history' });
    await t.server.runtime!.ready();
    for (const id of [ANSWERS, BUSY_PHONE, TRANSFER_FROM, TRANSFER_TO, SILENT, UNREGISTERED]) {
      await t.ok('/extensions', { method: 'POST', json: { id, name: `Phone ${id}`, secret: secretOf(id), codecs: ['ulaw'] } });
    }
    await t.ok('/extensions', { method: 'POST', json: { id: BOX, name: `Box ${BOX}`, secret: secretOf(BOX), codecs: ['ulaw'], voicemail: { enabled: true, pin: '730519' } } });
    await t.ok('/queues', { method: 'POST', json: { id: 'hxq', name: 'History queue', members: [SILENT] } });
    await t.ok('/trunks', { method: 'POST', json: { id: 'hxcarrier', name: 'History carrier', type: 'ip', server: PROVIDER, port: 5060, codecs: ['ulaw'] } });
    for (const c of Object.values(CASES)) {
      await t.ok('/flows', { method: 'POST', json: c.flow });
      await t.ok(`/flows/${c.flow.id}/versions`, { method: 'POST' });
      await t.ok('/routes/inbound', { method: 'POST', json: { id: c.flow.id, did: c.did, target: { type: 'flow', id: c.flow.id } } });
    }
    await t.ok('/routes/inbound', { method: 'POST', json: { id: 'hx-trunk', did: TRUNK_DID, target: { type: 'flow', id: 'hx-ari' } } });
    const published = await t.api('/publish', { method: 'POST' });
    expect(published.status, await published.clone().text()).toBe(200);
    for (const [id, options] of [[ANSWERS, {}], [BUSY_PHONE, { scenarioFile: BUSY }], [TRANSFER_FROM, {}], [TRANSFER_TO, {}]] as const) {
      const port = await freePort();
      const registered = await sippRegister(state.sipPort, id, secretOf(id), port);
      expect(registered.status, registered.output).toBe(0);
      phones.push(new SippUas(port, options));
    }
    // Registered at a port where nothing listens afterwards: rings forever, never answers.
    const silent = await sippRegister(state.sipPort, SILENT, secretOf(SILENT), await freePort());
    expect(silent.status, silent.output).toBe(0);
    // The server has read the journal once (a new database starts at its end).
    await t.server.history!.catchUp();
  });

  afterAll(async () => {
    for (const phone of phones) await phone.stop();
    await t?.stop();
    await restoreFiles?.();
  });

  /** Places the call of `kind` with a caller that hangs up after its wait; its LINKEDID. */
  async function place(kind: Case, caller = { name: 'Anna Anrufer', number: '03012345' }): Promise<string> {
    const c = CASES[kind];
    const linkedId = `hx-${kind}-${Date.now()}`;
    const [response] = await amiAction(ami, {
      Action: 'Originate',
      Channel: `Local/${c.did}@stumpfworks-inbound`,
      Application: 'Wait',
      Data: String(c.waitSeconds),
      CallerID: `"${caller.name.replace(/"/g, '\\"')}" <${caller.number}>`,
      ChannelId: linkedId,
      OtherChannelId: `${linkedId}-2`,
      Async: 'true',
    });
    expect(response?.Response, JSON.stringify(response)).toBe('Success');
    return linkedId;
  }

  /** The call's row once the server wrote it (bounded: 40 s), and that it is the only one. */
  async function row(linkedId: string): Promise<CallHistoryTable> {
    for (let i = 0; i < 400; i++) {
      const rows = await t.server.db.selectFrom('call_history').selectAll().where('linkedid', '=', linkedId).execute();
      if (rows.length > 0) {
        expect(rows).toHaveLength(1);
        return rows[0]!;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no history row for ${linkedId}; the journal has ${existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').filter((l) => l.includes(linkedId)).length : 0} of its events`);
  }

  /** The channel of extension `id` once it is up (bounded: 15 s). */
  async function upChannel(id: string): Promise<string> {
    for (let i = 0; i < 150; i++) {
      const packets = await amiAction(ami, { Action: 'CoreShowChannels' });
      const channel = packets.find((p) => p.Event === 'CoreShowChannel' && p.Channel?.startsWith(`PJSIP/${id}-`) && p.ChannelStateDesc === 'Up' && p.BridgeId);
      if (channel) return channel.Channel!;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no channel of ${id} came up`);
  }

  const path = (r: CallHistoryTable) => JSON.parse(r.path ?? 'null') as string[] | null;

  it.concurrent('an answered call: who answered, the talk, the flow and its path; a hostile caller name and number come back as sent', async () => {
    const r = await row(await place('answered', { name: HOSTILE_NAME, number: HOSTILE_NUMBER }));
    console.log(`answered: ${JSON.stringify(r)}`);
    expect(r).toMatchObject({ outcome: 'answered', direction: 'internal', caller: HOSTILE_NUMBER, caller_name: HOSTILE_NAME, called: CASES.answered.did, answered_by: ANSWERS, flow_id: 'hx-answer', flow_version: 1 });
    expect(path(r)).toEqual(['start', 'ring']);
    expect(r.answered_at).not.toBeNull();
    expect(r.talk_ms).toBeGreaterThan(0);
    expect(JSON.parse(r.channel_ids)).toContain(r.linkedid);
  });

  it.concurrent('a busy phone: busy, nobody answered', async () => {
    const r = await row(await place('busy'));
    console.log(`busy: ${JSON.stringify(r)}`);
    expect(r).toMatchObject({ outcome: 'busy', answered_by: null, answered_at: null, talk_ms: 0, flow_id: 'hx-busy' });
    expect(path(r)).toEqual(['start', 'ring', 'bye']);
  });

  it.concurrent('a call that reaches a voicemail box: voicemail, with the box', async () => {
    const r = await row(await place('voicemail'));
    console.log(`voicemail: ${JSON.stringify(r)}`);
    expect(r).toMatchObject({ outcome: 'voicemail', voicemail_box: BOX, answered_by: null, flow_id: 'hx-vm' });
    expect(path(r)).toEqual(['start', 'box']);
  });

  it.concurrent('a caller who hangs up in a queue: abandoned, with the queue and the wait', async () => {
    const r = await row(await place('abandoned'));
    console.log(`abandoned: ${JSON.stringify(r)}`);
    expect(r).toMatchObject({ outcome: 'abandoned', queue_id: 'hxq', answered_by: null, flow_id: 'hx-queue' });
    expect(r.wait_ms).toBeGreaterThan(0);
    expect(path(r)).toEqual(['start', 'wait']);
  });

  it.concurrent('ringing that ends unanswered and the system hangs up: missed', async () => {
    const r = await row(await place('missed'));
    console.log(`missed: ${JSON.stringify(r)}`);
    expect(r).toMatchObject({ outcome: 'missed', answered_by: null, flow_id: 'hx-missed' });
    expect(path(r)).toEqual(['start', 'ring', 'bye']);
  });

  it.concurrent('a call to a phone that is not there: failed', async () => {
    const r = await row(await place('failed'));
    console.log(`failed: ${JSON.stringify(r)}`);
    expect(r).toMatchObject({ outcome: 'failed', answered_by: null, flow_id: 'hx-failed' });
    expect(path(r)).toEqual(['start', 'ring', 'bye']);
  });

  it.concurrent('a call blind-transferred by the phone that answered: answered, with where it went', async () => {
    const linkedId = await place('transferred');
    const transferer = await upChannel(TRANSFER_FROM);
    const [response] = await amiAction(ami, { Action: 'BlindTransfer', Channel: transferer, Exten: TRANSFER_TO, Context: 'stumpfworks-internal' });
    expect(response?.Response, JSON.stringify(response)).toBe('Success');
    const r = await row(linkedId);
    console.log(`transferred: ${JSON.stringify(r)}`);
    expect(r).toMatchObject({ outcome: 'answered', answered_by: TRANSFER_FROM, transferred_to: TRANSFER_TO, flow_id: 'hx-xfer' });
  });

  it.concurrent('a flow in the ARI engine: its path from the node visits the server stored for the call\'s channels', async () => {
    const r = await row(await place('ari'));
    console.log(`ari: ${JSON.stringify(r)}`);
    expect(r).toMatchObject({ flow_id: 'hx-ari', flow_version: 1, answered_by: null });
    // The ARI engine hangs the flow's half of the Local caller up with no hangupsource, and the two
    // halves' HANGUPs come microseconds apart in either order (both measured): for a Local caller
    // the history cannot tell who left. A SIP caller can (chan_pjsip names itself when its far end
    // hung up); that rule is unit-tested.
    expect(['missed', 'abandoned']).toContain(r.outcome);
    expect(path(r)).toEqual(['start', 'hello', 'bye']);
  });

  it.concurrent('a provider\'s call through a trunk: inbound, the trunk, the DID, the caller as the provider sent it; the caller hung up during the prompt: abandoned', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swf-history-trunk-'));
    const name = 'Evil, $[1+1] ${EXTEN}';
    const number = '03012345678';
    const since = Date.now();
    try {
      const sipp = spawn('sipp', [`127.0.0.1:${state.sipPort}`, '-sf', TRUNK_CALL, '-s', TRUNK_DID, '-key', 'from', number, '-key', 'name', name, '-i', PROVIDER, '-m', '1', '-d', '500', '-nostdin', '-timeout', '20s', '-timeout_error'], { cwd: dir, stdio: 'ignore' });
      expect(await new Promise((resolve) => sipp.once('exit', resolve))).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    let r: CallHistoryTable | undefined;
    for (let i = 0; i < 200 && !r; i++) {
      r = await t.server.db.selectFrom('call_history').selectAll().where('trunk_id', '=', 'hxcarrier').where('started_at', '>=', since - 1000).executeTakeFirst();
      if (!r) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    console.log(`trunk: ${JSON.stringify(r)}`);
    expect(r).toMatchObject({ direction: 'inbound', trunk_id: 'hxcarrier', called: TRUNK_DID, caller: number, caller_name: name, outcome: 'abandoned', flow_id: 'hx-ari', answered_by: null });
    expect(path(r!)).toEqual(['start', 'hello']);
  });

  it('a call that ends while the server is stopped appears after it starts again', async () => {
    let linkedId = '';
    await t.restart(async () => {
      linkedId = await place('failed');
      // Down: only Asterisk's journal sees the call end.
      const ended = () => readFileSync(journal, 'utf8').split('\n').some((l) => l.startsWith('"c1","LINKEDID_END"') && l.includes(`"${linkedId}"`));
      for (let i = 0; i < 200 && !ended(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(ended()).toBe(true);
    });
    const r = await row(linkedId);
    expect(r).toMatchObject({ outcome: 'failed', flow_id: 'hx-failed' });
    expect(path(r)).toEqual(['start', 'ring', 'bye']);
  });
});
