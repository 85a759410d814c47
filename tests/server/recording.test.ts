/**
 * Recording policies on the real Asterisk: a sipp phone calls another through the published
 * dialplan, sends RTP audio (a 440 Hz tone) and RFC 4733 keys, and hangs up; the recordings in
 * Asterisk's spool (monitor/) are checked with sox: mono, 8 kHz, and as long as the part of the
 * call the policy covers; the index (from the CDR over AMI) has a row for each file. The answering
 * phone is sipp's built-in UAS on its registered port.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { amiAction } from '../../apps/server/src/asterisk/ami.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { talkFile, talkMs, type TalkPart } from '../parity/dtmf-pcap.js';
import { AriClient } from '../support/ari.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { DEFAULT_ASTERISK_ROOT, keepGeneratedFiles, localAmi, serverAsteriskEnv, stateFilePath } from '../support/local-asterisk.js';
import { freePort, sippRegister } from './sipp.js';
import { SippUas } from './sipp-uas.js';
import { tone } from './tone.js';

const availability = await detectAsterisk();
const SCENARIO = fileURLToPath(new URL('./sipp/call-talk.xml', import.meta.url));
const secretOf = (id: string) => `Rec-Policy-Probe-${id.split('').reverse().join('')}x`;

/** What sox says of a WAV file. */
function soxInfo(file: string): { channels: number; rate: number; seconds: number } {
  const ask = (flag: string) => Number(spawnSync('soxi', [flag, file], { encoding: 'utf8' }).stdout.trim());
  return { channels: ask('-c'), rate: ask('-r'), seconds: ask('-D') };
}

/** The RMS amplitude of a WAV file (sox stat): near 0 for silence, about 0.17 for our tone. */
function rms(file: string): number {
  const out = spawnSync('sox', [file, '-n', 'stat'], { encoding: 'utf8' }).stderr;
  return Number(/RMS\s+amplitude:\s+([0-9.]+)/.exec(out)?.[1] ?? NaN);
}

describeWithAsterisk(availability, 'call recording policies on the real Asterisk', (asterisk) => {
  const state = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
  const monitorDir = join(asterisk.asteriskRoot ?? process.env.ASTERISK_ROOT ?? DEFAULT_ASTERISK_ROOT, 'var/spool/asterisk/monitor');
  let t: TestServer;
  let restoreFiles: (() => Promise<void>) | undefined;
  let ari: AriClient;
  const phones: SippUas[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
    t = await startTestServer(serverAsteriskEnv(), { ariRuntime: false });
    const extensions: Array<[string, string | undefined]> = [
      ['3011', 'onDemand'], ['3012', undefined],
      ['3021', undefined], ['3022', 'always'],
      ['3031', 'always'], ['3032', 'never'],
      ['3041', undefined], ['3042', undefined],
      ['3051', undefined], ['3052', 'always'], ['3053', undefined],
    ];
    for (const [id, recording] of extensions) {
      await t.ok('/extensions', { method: 'POST', json: { id, name: `Phone ${id}`, secret: secretOf(id), codecs: ['ulaw'], ...(recording ? { recording } : {}) } });
    }
    // Inbound routes: one that records every call, one that must never (to an extension set to always).
    await t.ok('/routes/inbound', { method: 'POST', json: { id: 'rec-always', did: '4930551', target: { type: 'extension', id: '3051' }, recording: 'always' } });
    await t.ok('/routes/inbound', { method: 'POST', json: { id: 'rec-never', did: '4930552', target: { type: 'extension', id: '3052' }, recording: 'never' } });
    // And one that tells the caller first (a spoken prompt), then records.
    await t.ok('/prompts/tts', { method: 'POST', json: { id: 'rec-consent', name: 'Hinweis', language: 'de', text: 'Dieses Gespräch wird aufgezeichnet.' } });
    await t.ok('/routes/inbound', { method: 'POST', json: { id: 'rec-consent', did: '4930553', target: { type: 'extension', id: '3053' }, recording: 'always', consentPrompt: 'rec-consent' } });
    const response = await t.api('/publish', { method: 'POST' });
    expect(response.status, await response.clone().text()).toBe(200);
    ari = await AriClient.connect('swf-recording-test', asterisk);
  });

  afterAll(async () => {
    await ari?.close();
    for (const phone of phones) await phone.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await t?.stop();
    await restoreFiles?.();
  });

  const recordings = () => new Set(existsSync(monitorDir) ? readdirSync(monitorDir) : []);

  /** The index row of a file, once the call's CDR has arrived over AMI (bounded wait). */
  const indexed = async (file: string) => {
    const name = file.split('/').pop()!;
    for (let i = 0; i < 50; i++) {
      const row = await t.server.db.selectFrom('recordings').selectAll().where('file', '=', name).executeTakeFirst();
      if (row) return row;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${name} was not indexed`);
  };

  /** Waits until the sizes of `files` stop growing (MixMonitor closes a file after the hang-up, in its own thread; bounded). */
  const settled = async (files: string[]) => {
    let last = '';
    for (let i = 0; i < 50; i++) {
      const sizes = files.map((f) => spawnSync('stat', ['-c', '%s', f], { encoding: 'utf8' }).stdout.trim()).join(',');
      if (sizes === last && i > 0) break;
      last = sizes;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return files;
  };

  /**
   * A call into an inbound route as a trunk's would arrive (a Local channel into stumpfworks-inbound),
   * answered by `callee` (registered sipp UAS); the calling side plays hello-world (1.4 s) twice
   * and hangs up. The files that appeared in monitor/.
   */
  const inbound = async (did: string, callee: string): Promise<string[]> => {
    const before = recordings();
    const port = await freePort();
    const registered = await sippRegister(state.sipPort, callee, secretOf(callee), port);
    expect(registered.status, registered.output).toBe(0);
    const phone = new SippUas(port);
    phones.push(phone);
    const [originated] = await amiAction(localAmi(), { Action: 'Originate', Channel: `Local/${did}@stumpfworks-inbound`, Application: 'Playback', Data: 'hello-world&hello-world', Async: 'true' });
    expect(originated?.Response).toBe('Success');
    expect(await phone.exited).toBe(0);
    return settled([...recordings()].filter((f) => !before.has(f)).map((f) => join(monitorDir, f)));
  };

  /**
   * `caller` calls `callee` (registered, answering), plays `parts`, hangs up. Returns the files
   * that appeared in monitor/, once their size no longer grows (MixMonitor closes a file after
   * the hang-up, in its own thread; bounded wait).
   */
  const call = async (caller: string, callee: string, parts: TalkPart[]): Promise<string[]> => {
    const before = recordings();
    const port = await freePort();
    const registered = await sippRegister(state.sipPort, callee, secretOf(callee), port);
    expect(registered.status, registered.output).toBe(0);
    const phone = new SippUas(port);
    phones.push(phone);
    const dir = mkdtempSync(join(tmpdir(), 'swf-rec-call-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'talk.pcap'), talkFile(parts, tone(), 0x5eed0000 + Number(caller)));
    const sipp = spawn(
      'sipp',
      [
        `127.0.0.1:${state.sipPort}`, '-sf', SCENARIO, '-s', callee, '-key', 'ext', caller, '-au', caller, '-ap', secretOf(caller),
        '-i', '127.0.0.1', '-p', String(await freePort()), '-mp', String(await freePort()), '-m', '1',
        // The pause after the pcap started: its length, plus a little for the last packets.
        '-d', String(talkMs(parts) + 300),
        '-timeout', '30s', '-timeout_error', '-nostdin', '-trace_err', '-error_file', join(dir, 'errors.log'),
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    const code = await new Promise<number | null>((resolve) => sipp.once('exit', resolve));
    const errors = existsSync(join(dir, 'errors.log')) ? readFileSync(join(dir, 'errors.log'), 'utf8') : '';
    expect(code, errors).toBe(0);
    expect(await phone.exited).toBe(0);
    return settled([...recordings()].filter((f) => !before.has(f)).map((f) => join(monitorDir, f)));
  };

  it('on demand: *1 starts recording, *1 again stops it; the file covers the part between', async () => {
    const parts: TalkPart[] = [{ audioMs: 1000 }, { keys: '*1' }, { audioMs: 3000 }, { keys: '*1' }, { audioMs: 1500 }];
    const files = await call('3011', '3012', parts);
    expect(files.map((f) => f.split('/').pop())).toEqual([expect.stringMatching(/^ondemand-\d+-\d+\.\d+\.wav$/)]);
    const info = soxInfo(files[0]!);
    console.log(`ondemand_recording_seconds=${info.seconds}`);
    expect(info.channels).toBe(1);
    expect(info.rate).toBe(8000);
    // From the first *1 to the second: 3 s of tone plus the second key group (0.72 s); not the
    // 1 s before nor the 1.5 s after.
    expect(info.seconds).toBeGreaterThan(3.2);
    expect(info.seconds).toBeLessThan(4.4);
    expect(rms(files[0]!)).toBeGreaterThan(0.05);
    const row = await indexed(files[0]!);
    expect(row).toMatchObject({ caller: '3011', callee: '3012', direction: 'internal', kind: 'onDemand' });
    expect(Math.abs(row.duration_ms - info.seconds * 1000)).toBeLessThan(100);
  });

  it('always (the dialled extension): the whole bridged call is recorded without a key', async () => {
    const parts: TalkPart[] = [{ audioMs: 4000 }];
    const files = await call('3021', '3022', parts);
    expect(files.map((f) => f.split('/').pop())).toEqual([expect.stringMatching(/^always-\d+-\d+\.\d+\.wav$/)]);
    const info = soxInfo(files[0]!);
    console.log(`always_recording_seconds=${info.seconds}`);
    expect(info.channels).toBe(1);
    expect(info.seconds).toBeGreaterThan(3.6);
    expect(info.seconds).toBeLessThan(5);
    expect(rms(files[0]!)).toBeGreaterThan(0.05);
    expect(await indexed(files[0]!)).toMatchObject({ caller: '3021', callee: '3022', direction: 'internal', kind: 'always' });
  });

  it('never wins: a caller set to always does not record a call to an extension set to never', async () => {
    expect(await call('3031', '3032', [{ audioMs: 2000 }])).toEqual([]);
  });

  it('no policy: no recording, and *1 is not a feature (nobody opted in)', async () => {
    expect(await call('3041', '3042', [{ audioMs: 500 }, { keys: '*1' }, { audioMs: 1500 }])).toEqual([]);
  });

  it('an inbound route set to always records the call to an extension with no say, from the answer', async () => {
    const files = await inbound('4930551', '3051');
    expect(files.map((f) => f.split('/').pop())).toEqual([expect.stringMatching(/^always-\d+-\d+\.\d+\.wav$/)]);
    const info = soxInfo(files[0]!);
    console.log(`inbound_always_recording_seconds=${info.seconds}`);
    expect(info.channels).toBe(1);
    // Two hello-worlds of 1.42 s each.
    expect(info.seconds).toBeGreaterThan(2.4);
    expect(info.seconds).toBeLessThan(3.6);
    expect(await indexed(files[0]!)).toMatchObject({ callee: '3051', kind: 'always' });
  });

  it('an inbound route set to never keeps a call to an extension set to always unrecorded', async () => {
    expect(await inbound('4930552', '3052')).toEqual([]);
  });

  it('a consent prompt on the route plays before the call is put through, and the recording starts after it', async () => {
    const since = ari.mark();
    const files = await inbound('4930553', '3053');
    const played = await ari.waitFor('ChannelDialplan', (e) => e.dialplan_app === 'Playback' && e.dialplan_app_data === 'stumpfworks/prompts/rec-consent', { since });
    const dialled = await ari.waitFor('ChannelDialplan', (e) => e.dialplan_app === 'Dial' && e.dialplan_app_data.startsWith('PJSIP/3053,') && e.channel.id === played.channel.id, { since });
    expect(Date.parse(dialled.timestamp) >= Date.parse(played.timestamp)).toBe(true);
    expect(files).toHaveLength(1);
    // The route answers first, so the caller's two hello-worlds (2.84 s) begin with the announcement;
    // the recording starts at the bridge after it: 2.84 s less the announcement's length.
    const dir = mkdtempSync(join(tmpdir(), 'swf-rec-consent-'));
    dirs.push(dir);
    const prompt = join(dir, 'consent.wav');
    writeFileSync(prompt, new Uint8Array(await (await t.api('/prompts/rec-consent/audio')).arrayBuffer()));
    const announcement = soxInfo(prompt).seconds;
    const info = soxInfo(files[0]!);
    console.log(`consent_prompt_seconds=${announcement} consent_route_recording_seconds=${info.seconds}`);
    expect(announcement).toBeGreaterThan(1);
    expect(Math.abs(info.seconds - (2.84 - announcement))).toBeLessThan(0.4);
  });

  it('with the setting format mp3, the server converts the recording after the call and serves the MP3', async () => {
    await t.ok('/settings/recordings', { method: 'PUT', json: { retentionDays: 90, format: 'mp3' } });
    // The conversion may be done before the call's files are listed: the WAV or already the MP3.
    const files = await call('3021', '3022', [{ audioMs: 3000 }]);
    expect(files).toHaveLength(1);
    const base = files[0]!.replace(/\.(wav|mp3)$/, '');
    const mp3 = `${base}.mp3`;
    const row = await indexed(mp3);
    expect(existsSync(`${base}.wav`)).toBe(false);
    const seconds = soxInfo(mp3).seconds;
    console.log(`mp3_recording_seconds=${seconds} mp3_bytes=${row.size_bytes} wav_ms=${row.duration_ms}`);
    // MP3 frames of 576 samples at 8 kHz (72 ms) and the encoder's padding make it a little longer, never shorter.
    expect(seconds).toBeGreaterThan(row.duration_ms / 1000 - 0.05);
    expect(seconds).toBeLessThan(row.duration_ms / 1000 + 0.25);
    const response = await t.api(`/recordings/${row.id}`);
    expect([response.status, response.headers.get('content-type'), (await response.arrayBuffer()).byteLength]).toEqual([200, 'audio/mpeg', row.size_bytes]);
    await t.ok('/settings/recordings', { method: 'PUT', json: { retentionDays: 90, format: 'wav' } });
  });
});
