/**
 * Pausing and resuming a call recording with `*2` on the real Asterisk, in both engines: a sipp
 * phone calls another (through the routing dialplan, or a flow's Dial node run compiled or by the
 * ARI runtime), both send RTP and RFC 4733 keys (tests/parity/dtmf-pcap.ts talkFile: the caller
 * from call-talk.xml, the answering phone from sipp/uas-talk.xml), and the recording is checked
 * with sox: a paused stretch is not in the file at all (the file is resumed by MixMonitor's
 * append), so the file is as long as the recorded parts, and the caller's tone is where it was
 * spoken, with the pause key group's silence at the seam. Each recording is indexed once.
 * The keys of either side run on the calling channel, where MixMonitor runs (features.conf).
 * All calls run at once; each has a caller extension of its own.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { spawn, spawnSync } from 'node:child_process';
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
import { freePort, sippRegister } from './sipp.js';
import { SippUas } from './sipp-uas.js';
import { indexedFor, settledFiles, spoolFiles } from './recording-spool.js';
import { soxInfo } from './sox.js';
import { tone } from './tone.js';

const availability = await detectAsterisk();
const SCENARIO = fileURLToPath(new URL('./sipp/call-talk.xml', import.meta.url));
const APP = 'swf-recpause';
const secretOf = (id: string) => `Rec-Pause-Probe-${id.split('').reverse().join('')}x`;
/** One second of u-law silence: what the answering phone "says" between its keys. */
const SILENCE = Buffer.alloc(8000, 0xff);

type Engine = 'routing' | 'dialplan' | 'ari';
type Case = {
  name: string;
  /** routing: the caller dials the extension; dialplan/ari: a flow's Dial node (deployment) rings it. */
  engine: Engine;
  caller: string;
  callee: string;
  callerPolicy?: 'always';
  calleePolicy: 'always' | 'onDemand' | 'never';
  /** Who presses the keys: the caller (its talk), or the answering phone (the caller talks a tone throughout). */
  keysBy: 'caller' | 'callee';
  talk: TalkPart[];
};

/** Tone 1.5 s, `*2` (pause), 2 s the file must not have, `*2` (resume), tone 1.5 s. */
const PAUSED: TalkPart[] = [{ audioMs: 1500 }, { keys: '*2' }, { audioMs: 2000 }, { keys: '*2' }, { audioMs: 1500 }];
/** The same inside an on-demand recording: `*1` starts it before and `*1` ends it after. */
const ON_DEMAND_PAUSED: TalkPart[] = [{ audioMs: 800 }, { keys: '*1' }, ...PAUSED, { keys: '*1' }, { audioMs: 800 }];

const CASES: Case[] = [
  { name: 'always, the caller pauses', engine: 'routing', caller: '3601', callee: '3611', calleePolicy: 'always', keysBy: 'caller', talk: PAUSED },
  { name: 'on demand, the caller records and pauses', engine: 'routing', caller: '3602', callee: '3612', calleePolicy: 'onDemand', keysBy: 'caller', talk: ON_DEMAND_PAUSED },
  { name: 'always, the answering phone pauses', engine: 'routing', caller: '3603', callee: '3613', calleePolicy: 'always', keysBy: 'callee', talk: PAUSED },
  { name: 'on demand, the answering phone records and pauses', engine: 'routing', caller: '3604', callee: '3614', calleePolicy: 'onDemand', keysBy: 'callee', talk: ON_DEMAND_PAUSED },
  { name: 'never wins: *2 gives no way to record', engine: 'routing', caller: '3605', callee: '3615', callerPolicy: 'always', calleePolicy: 'never', keysBy: 'caller', talk: PAUSED },
  { name: 'compiled flow, always, the caller pauses', engine: 'dialplan', caller: '3606', callee: '3616', calleePolicy: 'always', keysBy: 'caller', talk: PAUSED },
  { name: 'ARI flow, always, the caller pauses', engine: 'ari', caller: '3607', callee: '3617', calleePolicy: 'always', keysBy: 'caller', talk: PAUSED },
  { name: 'ARI flow, on demand, the answering phone records and pauses', engine: 'ari', caller: '3608', callee: '3618', calleePolicy: 'onDemand', keysBy: 'callee', talk: ON_DEMAND_PAUSED },
];

/** The number a case's caller dials: the extension, or its flow's. */
const dialledOf = (c: Case) => (c.engine === 'routing' ? c.callee : `76${c.caller.slice(2)}`);

/** A flow Start -> Dial(callee) of `deployment`; the answered output is unconnected (the call ends connected). */
function flowTo(c: Case) {
  return {
    schemaVersion: 1,
    id: `rp-${c.caller}`,
    name: `Pause ${c.caller}`,
    deployment: c.engine,
    nodes: [
      { id: 'start', type: 'Start', params: { number: dialledOf(c) } },
      { id: 'to', type: 'Dial', params: { targets: [c.callee], ringSeconds: 20 } },
      { id: 'bye', type: 'Hangup', params: {} },
    ],
    edges: [{ from: 'start', output: 'next', to: 'to' }, { from: 'to', output: 'noAnswer', to: 'bye' }],
  };
}

/**
 * The file's loud and quiet stretches, by sox's samples in 20 ms windows (loud: RMS over 0.05 of
 * full scale; the tone is 0.17): a list of [loud, seconds], stretches under 100 ms (jitter) merged
 * into the one before.
 */
function stretches(file: string): Array<[boolean, number]> {
  const raw = spawnSync('sox', [file, '-t', 'raw', '-e', 'signed', '-b', '16', '-c', '1', '-r', '8000', '-'], { maxBuffer: 64 << 20 }).stdout;
  const samples = new Int16Array(raw.buffer, raw.byteOffset, Math.floor(raw.byteLength / 2));
  const windows: boolean[] = [];
  for (let at = 0; at + 160 <= samples.length; at += 160) {
    let sum = 0;
    for (let i = at; i < at + 160; i++) sum += (samples[i]! / 32768) ** 2;
    windows.push(Math.sqrt(sum / 160) > 0.05);
  }
  const runs: Array<[boolean, number]> = [];
  for (const loud of windows) {
    const last = runs.at(-1);
    if (last && last[0] === loud) last[1] += 0.02;
    else runs.push([loud, 0.02]);
  }
  const merged: Array<[boolean, number]> = [];
  for (const run of runs) {
    const last = merged.at(-1);
    if (last && (run[1] < 0.1 || last[0] === run[0])) last[1] += run[1];
    else merged.push([...run]);
  }
  return merged.map(([loud, seconds]) => [loud, Math.round(seconds * 100) / 100]);
}

describeWithAsterisk(availability, 'pausing and resuming a call recording (*2) on the real Asterisk', (asterisk) => {
  const state = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
  const monitorDir = join(asterisk.asteriskRoot ?? process.env.ASTERISK_ROOT ?? DEFAULT_ASTERISK_ROOT, 'var/spool/asterisk/monitor');
  let t: TestServer;
  let restoreFiles: (() => Promise<void>) | undefined;
  const phones = new Map<string, SippUas>();
  const dirs: string[] = [];
  let before = new Set<string>();

  const recordings = () => spoolFiles(monitorDir);

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
    t = await startTestServer({ ...serverAsteriskEnv(), ARI_APP: APP });
    await t.server.runtime!.ready();
    expect(t.server.runtime!.connected).toBe(true);
    for (const c of CASES) {
      for (const [id, recording] of [[c.caller, c.callerPolicy], [c.callee, c.calleePolicy]] as const) {
        await t.ok('/extensions', { method: 'POST', json: { id, name: `Phone ${id}`, secret: secretOf(id), codecs: ['ulaw'], ...(recording ? { recording } : {}) } });
      }
      if (c.engine !== 'routing') {
        await t.ok('/flows', { method: 'POST', json: flowTo(c) });
        await t.ok(`/flows/rp-${c.caller}/versions`, { method: 'POST' });
      }
    }
    const published = await t.api('/publish', { method: 'POST' });
    expect(published.status, await published.clone().text()).toBe(200);
    for (const c of CASES) {
      const port = await freePort();
      const registered = await sippRegister(state.sipPort, c.callee, secretOf(c.callee), port);
      expect(registered.status, registered.output).toBe(0);
      const talk = c.keysBy === 'callee' ? { pcap: talkFile(c.talk, SILENCE, 0x5eed3000 + Number(c.callee)), mediaPort: await freePort() } : undefined;
      phones.set(c.callee, new SippUas(port, { timewait: false, talk }));
    }
    before = recordings();
  });

  afterAll(async () => {
    for (const phone of phones.values()) await phone.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await t?.stop();
    await restoreFiles?.();
  });

  /** The caller calls, talks (its keys, or a tone as long as the callee's talk), hangs up; both sipps must exit 0. */
  async function call(c: Case): Promise<void> {
    const parts = c.keysBy === 'caller' ? c.talk : [{ audioMs: talkMs(c.talk) }];
    const dir = mkdtempSync(join(tmpdir(), 'swf-recpause-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'talk.pcap'), talkFile(parts, tone(), 0x5eed2000 + Number(c.caller)));
    const sipp = spawn(
      'sipp',
      [
        `127.0.0.1:${state.sipPort}`, '-sf', SCENARIO, '-s', dialledOf(c), '-key', 'ext', c.caller, '-au', c.caller, '-ap', secretOf(c.caller),
        '-i', '127.0.0.1', '-p', String(await freePort()), '-mp', String(await freePort()), '-m', '1',
        '-d', String(talkMs(parts) + 300),
        '-timeout', '40s', '-timeout_error', '-nostdin', '-trace_err', '-error_file', join(dir, 'errors.log'),
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    const code = await new Promise<number | null>((resolve) => sipp.once('exit', resolve));
    const errors = existsSync(join(dir, 'errors.log')) ? readFileSync(join(dir, 'errors.log'), 'utf8') : '';
    expect(code, `${c.name}: ${errors}`).toBe(0);
    expect(await phones.get(c.callee)!.exited, c.name).toBe(0);
  }

  it('*2 pauses and *2 again resumes into the same file, by either party, in both engines; never stays unrecorded', async () => {
    await Promise.all(CASES.map(call));
    const recorded = CASES.filter((c) => c.calleePolicy !== 'never');
    const rows = new Map(await Promise.all(recorded.map(async (c) => [c, await indexedFor(t.server.db, c.caller)] as const)));
    const newFiles = [...recordings()].filter((f) => !before.has(f));
    // One file per recorded call, indexed once; the call where never wins made none.
    expect(newFiles.sort()).toEqual([...rows.values()].flat().map((r) => r.file).sort());
    for (const c of recorded) expect(rows.get(c)!.map((r) => r.kind), c.name).toEqual([c.calleePolicy]);
    await settledFiles(newFiles.map((f) => join(monitorDir, f)));
    // Some moments after the last hang-up, still no second row (the CDRs of all legs have come by now).
    const again = await t.server.db.selectFrom('recordings').select(['caller', 'file']).where('caller', 'in', CASES.map((c) => c.caller)).execute();
    expect(again.length).toBe(recorded.length);

    const measured = recorded.map((c) => {
      const row = rows.get(c)![0]!;
      const file = join(monitorDir, row.file);
      return { c, row, info: soxInfo(file), runs: stretches(file) };
    });
    for (const { c, row, info, runs } of measured) {
      console.log(`${c.engine}_${c.caller}_${c.keysBy}_${c.calleePolicy}_seconds=${info.seconds} indexed_ms=${row.duration_ms} stretches=${runs.map(([loud, s]) => `${loud ? 'tone' : 'quiet'}:${s}`).join(',')}`);
    }
    for (const { c, row, info, runs } of measured) {
      expect([info.channels, info.rate], c.name).toEqual([1, 8000]);
      expect(Math.abs(row.duration_ms - info.seconds * 1000), c.name).toBeLessThan(100);
      expect(row.file, c.name).toMatch(c.calleePolicy === 'always' ? /^always-\d+-\d+\.\d+\.wav$/ : /^ondemand-\d+-\d+\.\d+\.wav$/);
      const tone = runs.filter(([loud]) => loud).map(([, s]) => s);
      if (c.keysBy === 'caller') {
        // The caller's tone: 1.5 s, the pause key group's silence (its silent packets; Asterisk
        // writes nothing while a key is held), 1.5 s; not the 2 s spoken while paused.
        expect(tone.length, c.name).toBe(2);
        for (const s of tone) expect(Math.abs(s - 1.5), c.name).toBeLessThan(0.35);
        const seam = runs.slice(runs.findIndex(([loud]) => loud) + 1).find(([loud]) => !loud)![1];
        expect(seam, c.name).toBeGreaterThan(0.2);
        expect(seam, c.name).toBeLessThan(1.1);
      } else {
        // The caller's tone throughout; the callee's keys cut out the time from its first *2 to its second.
        const unpaused = talkMs(c.talk) / 1000 - (c.calleePolicy === 'onDemand' ? 0.8 + 0.72 + 0.8 : 0);
        expect(tone.reduce((a, b) => a + b, 0) / info.seconds, c.name).toBeGreaterThan(0.9);
        // Paused: 2.72 s (the rest of the first key group, the 2 s, the second group up to its 2).
        expect(info.seconds, c.name).toBeLessThan(unpaused - 2);
        expect(info.seconds, c.name).toBeGreaterThan(unpaused - 3.6);
      }
    }
  });
});
