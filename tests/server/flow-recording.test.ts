/**
 * Recording policies inside flows on the real Asterisk, in both engines: a sipp phone calls a
 * published flow whose Dial or Queue node reaches a registered sipp UAS; the flow runs compiled
 * (`dialplan`) or in the server's ARI runtime (`ari`, which hands Dial and Queue over to the
 * generated dialplan). The recordings in monitor/ are checked with sox and found in the index by
 * their caller (every call has a caller extension of its own, so the calls run all at once).
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { talkFile, talkMs, type TalkPart } from '../parity/dtmf-pcap.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { DEFAULT_ASTERISK_ROOT, keepGeneratedFiles, serverAsteriskEnv, stateFilePath } from '../support/local-asterisk.js';
import { freeMediaPort, freePort, sippRegister } from './sipp.js';
import { SippUas } from './sipp-uas.js';
import { indexedFor, settledFiles, spoolFiles } from './recording-spool.js';
import { rms, soxInfo } from './sox.js';
import { tone } from './tone.js';

const availability = await detectAsterisk();
const SCENARIO = fileURLToPath(new URL('./sipp/call-talk.xml', import.meta.url));
const APP = 'swf-flowrec';
const secretOf = (id: string) => `Flow-Rec-Probe-${id.split('').reverse().join('')}x`;
type Engine = 'dialplan' | 'ari';
const ENGINES: Engine[] = ['dialplan', 'ari'];

/** The Consent node's notice: hello-world, 1.42 s. */
const NOTICE_SECONDS = 1.42;

/**
 * Start -> Dial(target) or Queue(queue), with `consent` a Consent node (notice hello-world, then
 * always) first; the answered output is unconnected (the call ends connected).
 */
function flowTo(id: string, number: string, deployment: Engine, to: { dial: string } | { queue: string }, consent: boolean) {
  const node = 'dial' in to
    ? { id: 'to', type: 'Dial', params: { targets: [to.dial], ringSeconds: 20 } }
    : { id: 'to', type: 'Queue', params: { queue: to.queue, maxWaitSeconds: 30 } };
  const notice = { id: 'notice', type: 'Consent', params: { prompt: { kind: 'sound', name: 'hello-world' }, recording: 'always' } };
  return {
    schemaVersion: 1,
    id,
    name: `Recording ${id}`,
    deployment,
    nodes: [{ id: 'start', type: 'Start', params: { number } }, ...(consent ? [notice] : []), node, { id: 'bye', type: 'Hangup', params: {} }],
    edges: [
      ...(consent ? [{ from: 'start', output: 'next', to: 'notice' }, { from: 'notice', output: 'next', to: 'to' }] : [{ from: 'start', output: 'next', to: 'to' }]),
      { from: 'to', output: 'dial' in to ? 'noAnswer' : 'overflow', to: 'bye' },
    ],
  };
}

/**
 * The calls, each with its own caller, flow number and answering extension. Per engine (offset
 * 0 for dialplan, 50 for ari): on demand (*1 ... *1) to an extension set to onDemand; always to
 * one set to always; never wins over a caller set to always; a queue set to always; a Consent
 * node (always) before a dial to an extension with no say.
 */
const CASES = ENGINES.flatMap((engine, e) => {
  const n = (base: number) => String(base + e * 50);
  return [
    { engine, kind: 'onDemand', caller: n(3201), callerPolicy: undefined, number: n(7201), callee: n(3211), calleePolicy: 'onDemand', queue: undefined },
    { engine, kind: 'always', caller: n(3202), callerPolicy: undefined, number: n(7202), callee: n(3212), calleePolicy: 'always', queue: undefined },
    { engine, kind: 'never', caller: n(3203), callerPolicy: 'always', number: n(7203), callee: n(3213), calleePolicy: 'never', queue: undefined },
    { engine, kind: 'queue', caller: n(3204), callerPolicy: undefined, number: n(7204), callee: n(3214), calleePolicy: undefined, queue: `frq-${engine}` },
    { engine, kind: 'consent', caller: n(3205), callerPolicy: undefined, number: n(7205), callee: n(3215), calleePolicy: undefined, queue: undefined },
  ] as const;
});
type Case = (typeof CASES)[number];

const TALK: Record<Case['kind'], TalkPart[]> = {
  onDemand: [{ audioMs: 1500 }, { keys: '*1' }, { audioMs: 3000 }, { keys: '*1' }, { audioMs: 1500 }],
  always: [{ audioMs: 4000 }],
  never: [{ audioMs: 2000 }],
  // The queue rings its member a moment after the caller is in: talk long enough to be heard after it.
  queue: [{ audioMs: 5000 }],
  consent: [{ audioMs: 5000 }],
};

describeWithAsterisk(availability, 'recording policies in flows, both engines, on the real Asterisk', (asterisk) => {
  const state = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
  const monitorDir = join(asterisk.asteriskRoot ?? process.env.ASTERISK_ROOT ?? DEFAULT_ASTERISK_ROOT, 'var/spool/asterisk/monitor');
  let t: TestServer;
  let restoreFiles: (() => Promise<void>) | undefined;
  const phones = new Map<string, SippUas>();
  const dirs: string[] = [];
  let before = new Set<string>();

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
    t = await startTestServer({ ...serverAsteriskEnv(), ARI_APP: APP });
    await t.server.runtime!.ready();
    expect(t.server.runtime!.connected).toBe(true);
    for (const c of CASES) {
      for (const [id, recording] of [[c.caller, c.callerPolicy], [c.callee, c.calleePolicy]] as const) {
        await t.ok('/extensions', { method: 'POST', json: { id, name: `Phone ${id}`, secret: secretOf(id), codecs: ['ulaw'], ...(recording ? { recording } : {}) } });
      }
      if (c.queue) await t.ok('/queues', { method: 'POST', json: { id: c.queue, name: c.queue, members: [c.callee], recording: 'always', ringSeconds: 15 } });
      await t.ok('/flows', { method: 'POST', json: flowTo(`fr-${c.kind.toLowerCase()}-${c.engine}`, c.number, c.engine, c.queue ? { queue: c.queue } : { dial: c.callee }, c.kind === 'consent') });
      await t.ok(`/flows/fr-${c.kind.toLowerCase()}-${c.engine}/versions`, { method: 'POST' });
    }
    const published = await t.api('/publish', { method: 'POST' });
    expect(published.status, await published.clone().text()).toBe(200);
    for (const c of CASES) {
      const port = await freePort();
      const registered = await sippRegister(state.sipPort, c.callee, secretOf(c.callee), port);
      expect(registered.status, registered.output).toBe(0);
      phones.set(c.callee, new SippUas(port));
    }
    before = recordings();
  });

  afterAll(async () => {
    for (const phone of phones.values()) await phone.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await t?.stop();
    await restoreFiles?.();
  });

  const recordings = () => spoolFiles(monitorDir);

  /** `c.caller` calls the flow's number, plays its talk, hangs up; the answering phone must see the BYE. */
  async function call(c: Case): Promise<void> {
    const parts = TALK[c.kind];
    const dir = mkdtempSync(join(tmpdir(), 'swf-flowrec-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'talk.pcap'), talkFile(parts, tone(), 0x5eed0000 + Number(c.caller)));
    const sipp = spawn(
      'sipp',
      [
        `127.0.0.1:${state.sipPort}`, '-sf', SCENARIO, '-s', c.number, '-key', 'ext', c.caller, '-au', c.caller, '-ap', secretOf(c.caller),
        '-i', '127.0.0.1', '-p', String(await freePort()), '-mp', String(await freeMediaPort()), '-m', '1',
        '-d', String(talkMs(parts) + 300),
        '-timeout', '40s', '-timeout_error', '-nostdin', '-trace_err', '-error_file', join(dir, 'errors.log'),
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    const code = await new Promise<number | null>((resolve) => sipp.once('exit', resolve));
    const errors = existsSync(join(dir, 'errors.log')) ? readFileSync(join(dir, 'errors.log'), 'utf8') : '';
    expect(code, `${c.engine} ${c.kind}: ${errors}`).toBe(0);
    expect(await phones.get(c.callee)!.exited).toBe(0);
  }

  it('Dial and Queue nodes weigh the policies the same way in both engines (all calls at once)', async () => {
    // Every call to its end before a failure is reported: a call left running past afterAll's
    // restore would retry against removed endpoints, and its failed logins reach the next suite.
    const ended = await Promise.allSettled(CASES.map(call));
    const failed = ended.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const recorded = CASES.filter((c) => c.kind !== 'never');
    const rows = new Map(await Promise.all(recorded.map(async (c) => [c, (await indexedFor(t.server.db, c.caller))] as const)));
    const newFiles = [...recordings()].filter((f) => !before.has(f));
    // One file per recorded call; the two calls where never wins made none.
    expect(newFiles.sort()).toEqual([...rows.values()].flat().map((r) => r.file).sort());
    await settledFiles(newFiles.map((f) => join(monitorDir, f)));
    const measured = recorded.map((c) => ({ c, row: rows.get(c)![0]!, info: soxInfo(join(monitorDir, rows.get(c)![0]!.file)) }));
    console.log(measured.map(({ c, row, info }) => `${c.engine}_${c.kind}_seconds=${info.seconds} indexed_ms=${row.duration_ms}`).join(' '));
    for (const { c, row, info } of measured) {
      const file = join(monitorDir, row.file);
      expect([info.channels, info.rate]).toEqual([1, 8000]);
      expect(rms(file)).toBeGreaterThan(0.05);
      if (c.kind === 'onDemand') {
        expect(row).toMatchObject({ kind: 'onDemand', direction: 'internal' });
        expect(row.file).toMatch(/^ondemand-\d+-\d+\.\d+\.wav$/);
        // From the first *1 to the second: 3 s of tone plus the second key group (0.72 s), less
        // the moments the feature takes to see each key group; not the 1.5 s before nor after.
        expect(info.seconds).toBeGreaterThan(3);
        expect(info.seconds).toBeLessThan(4.4);
      } else {
        expect(row).toMatchObject({ kind: 'always' });
        expect(row.file).toMatch(/^always-\d+-\d+\.\d+\.wav$/);
        // From the bridge (the flow answered first, the callee or agent a moment later) to the
        // hang-up; with the notice, the caller's talk begins while it plays.
        const talk = talkMs(TALK[c.kind]) / 1000 - (c.kind === 'consent' ? NOTICE_SECONDS : 0);
        expect(info.seconds).toBeGreaterThan(talk - (c.kind === 'queue' ? 3 : 1));
        expect(info.seconds).toBeLessThan(talk + 0.8);
      }
      // The index's duration is the file's size when the CDR came, which can be before MixMonitor
      // closed the file under load (seen: 824 ms short once); h-recops reads it from the header.
      expect(row.duration_ms).toBeGreaterThan(0);
    }
  });
});
