/**
 * Recording policies on the real Asterisk: a sipp phone calls another through the published
 * dialplan, sends RTP audio (a 440 Hz tone) and RFC 4733 keys, and hangs up; the recordings in
 * Asterisk's spool (monitor/) are checked with sox: mono, 8 kHz, and as long as the part of the
 * call the policy covers; the index (from the CDR over AMI) has a row for each file. The answering
 * phone is sipp's built-in UAS on its registered port. A trunk's calls come from sipp on the
 * trunk's own loopback address (the provider), in and out; and a call that ends while the server is
 * down, or while its AMI connection is cut (it goes through a relay the test controls), is indexed
 * from Asterisk's CDR journal when it starts again or logs in again.
 * The calls that do not change a setting run at once (it.concurrent): each call's files are the
 * ones named after its calling channel's UniqueID (ARI tells it), and the last test checks that
 * no file appeared in monitor/ that no call claimed.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { amiAction } from '../../apps/server/src/asterisk/ami.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { readJournal, type CdrRecord } from '../../apps/server/src/recordings/cdr-journal.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { talkFile, talkMs, type TalkPart } from '../parity/dtmf-pcap.js';
import { AriClient, type AriChannel } from '../support/ari.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { DEFAULT_ASTERISK_ROOT, keepGeneratedFiles, localAmi, serverAsteriskEnv, stateFilePath } from '../support/local-asterisk.js';
import { freeMediaPort, freePort, sippRegister } from './sipp.js';
import { SippUas } from './sipp-uas.js';
import { settledFiles, spoolFiles } from './recording-spool.js';
import { rms, soxInfo } from './sox.js';
import { tone } from './tone.js';

const availability = await detectAsterisk();
const SCENARIO = fileURLToPath(new URL('./sipp/call-talk.xml', import.meta.url));
const TRUNK_SCENARIO = fileURLToPath(new URL('./sipp/trunk-talk.xml', import.meta.url));
/** The provider's own loopback address: the trunk's server, where its calls come from and go to. */
const PROVIDER = '127.0.5.18';
/** The number the provider's caller sends, the DID it dials, and the external number an extension dials out. */
const EXTERNAL_CALLER = '03012345678';
const DID = '4930561';
const EXTERNAL_NUMBER = '0301234567';
const secretOf = (id: string) => `Rec-Policy-Probe-${id.split('').reverse().join('')}x`;

/**
 * A TCP relay to Asterisk's AMI that a test can cut: `sever()` drops every connection through it
 * and refuses new ones (counted in `refused`) until `restore()`.
 */
class AmiRelay {
  private readonly sockets = new Set<Socket>();
  private cut = false;
  refused = 0;

  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(target: { host: string; port: number }): Promise<AmiRelay> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const relay = new AmiRelay(server, (server.address() as AddressInfo).port);
    server.on('connection', (client) => {
      if (relay.cut) {
        relay.refused++;
        client.destroy();
        return;
      }
      const upstream = connect(target.port, target.host);
      for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
        relay.sockets.add(a);
        a.pipe(b);
        a.on('error', () => b.destroy());
        a.on('close', () => {
          relay.sockets.delete(a);
          b.destroy();
        });
      }
    });
    return relay;
  }

  sever(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.cut = false;
  }

  async close(): Promise<void> {
    this.sever();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describeWithAsterisk(availability, 'call recording policies on the real Asterisk', (asterisk) => {
  const state = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
  const asteriskRoot = asterisk.asteriskRoot ?? process.env.ASTERISK_ROOT ?? DEFAULT_ASTERISK_ROOT;
  const monitorDir = join(asteriskRoot, 'var/spool/asterisk/monitor');
  let t: TestServer;
  let restoreFiles: (() => Promise<void>) | undefined;
  let ari: AriClient;
  const phones: SippUas[] = [];
  const dirs: string[] = [];
  let provider: SippUas;
  let relay: AmiRelay;
  /** What monitor/ held before the first call, and the calls (UniqueIDs) whose files the tests checked. */
  let before = new Set<string>();
  const claimed = new Set<string>();

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
    // The server's AMI logins go through a relay the last tests can cut (a lost connection to AMI).
    relay = await AmiRelay.start(localAmi());
    t = await startTestServer({ ...serverAsteriskEnv(), AMI_PORT: String(relay.port) }, { ariRuntime: false });
    const extensions: Array<[string, string | undefined]> = [
      ['3011', 'onDemand'], ['3012', undefined],
      ['3021', undefined], ['3022', 'always'],
      ['3031', 'always'], ['3032', 'never'],
      ['3041', undefined], ['3042', undefined],
      ['3051', undefined], ['3052', 'always'], ['3053', undefined],
      ['3061', undefined], ['3062', undefined],
      ['3071', undefined], ['3072', 'always'],
      ['3081', undefined], ['3082', 'always'],
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
    // A provider's trunk that records every call through it, in (to 3061 by a route) and out.
    provider = new SippUas(await freePort(), { address: PROVIDER, timewait: false });
    phones.push(provider);
    await t.ok('/trunks', { method: 'POST', json: { id: 'carrier', name: 'Carrier', type: 'ip', server: PROVIDER, port: provider.port, codecs: ['ulaw'], recording: 'always' } });
    await t.ok('/routes/inbound', { method: 'POST', json: { id: 'rec-trunk', did: DID, target: { type: 'extension', id: '3061' } } });
    await t.ok('/routes/outbound', { method: 'POST', json: { id: 'rec-out', name: 'Raus', patterns: ['_0X.'], trunks: ['carrier'] } });
    const response = await t.api('/publish', { method: 'POST' });
    expect(response.status, await response.clone().text()).toBe(200);
    ari = await AriClient.connect('swf-recording-test', asterisk);
    before = recordings();
  });

  afterAll(async () => {
    await ari?.close();
    for (const phone of phones) await phone.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await t?.stop();
    await relay?.close();
    await restoreFiles?.();
  });

  const recordings = () => spoolFiles(monitorDir);

  /** The index row of a file, once the call's CDR has arrived over AMI (bounded wait: `tries` x 200 ms). */
  const indexed = async (file: string, tries = 50) => {
    const name = file.split('/').pop()!;
    for (let i = 0; i < tries; i++) {
      const row = await t.server.db.selectFrom('recordings').selectAll().where('file', '=', name).executeTakeFirst();
      if (row) return row;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${name} was not indexed`);
  };

  /**
   * The UniqueID of a call's calling channel: the first channel created since `since` that `match`
   * accepts (the recordings are named after it).
   */
  const callingChannel = async (since: number, match: (channel: AriChannel) => boolean): Promise<string> =>
    (await ari.waitFor('ChannelCreated', (e) => match(e.channel), { since })).channel.id;

  /**
   * The files in monitor/ named after the call `uniqueId` (not the server's temp file of an MP3
   * conversion), once their size no longer grows; a call with files is claimed for the final check.
   */
  const filesOf = async (uniqueId: string): Promise<string[]> => {
    const files = await settledFiles([...recordings()].filter((f) => f.includes(uniqueId) && !f.startsWith('.')).map((f) => join(monitorDir, f)));
    if (files.length > 0) claimed.add(uniqueId);
    return files;
  };

  /** Registers `callee` as a sipp UAS that answers one call. */
  const answering = async (callee: string): Promise<SippUas> => {
    const port = await freePort();
    const registered = await sippRegister(state.sipPort, callee, secretOf(callee), port);
    expect(registered.status, registered.output).toBe(0);
    const phone = new SippUas(port, { timewait: false });
    phones.push(phone);
    return phone;
  };

  /** Runs sipp with `args` in a temp dir holding talk.pcap (`parts`); fails unless it exits 0. */
  const talk = async (args: string[], parts: TalkPart[], ssrc: number): Promise<void> => {
    const dir = mkdtempSync(join(tmpdir(), 'swf-rec-call-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'talk.pcap'), talkFile(parts, tone(), ssrc));
    const sipp = spawn(
      'sipp',
      [
        ...args, '-p', String(await freePort()), '-mp', String(await freeMediaPort()), '-m', '1',
        // The pause after the pcap started: its length, plus a little for the last packets.
        '-d', String(talkMs(parts) + 300),
        '-timeout', '30s', '-timeout_error', '-nostdin', '-trace_err', '-error_file', join(dir, 'errors.log'),
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    const code = await new Promise<number | null>((resolve) => sipp.once('exit', resolve));
    const errors = existsSync(join(dir, 'errors.log')) ? readFileSync(join(dir, 'errors.log'), 'utf8') : '';
    expect(code, errors).toBe(0);
  };

  /**
   * A call into an inbound route as a trunk's would arrive (a Local channel into stumpfworks-inbound),
   * answered by `callee` (registered sipp UAS); the calling side plays hello-world (1.4 s) twice
   * and hangs up. The files of the call (named after the Local channel's ;2 leg, which dials).
   */
  const inbound = async (did: string, callee: string): Promise<string[]> => {
    const phone = await answering(callee);
    const since = ari.mark();
    const [originated] = await amiAction(localAmi(), { Action: 'Originate', Channel: `Local/${did}@stumpfworks-inbound`, Application: 'Playback', Data: 'hello-world&hello-world', Async: 'true' });
    expect(originated?.Response).toBe('Success');
    const caller = await callingChannel(since, (c) => c.name.startsWith(`Local/${did}@stumpfworks-inbound-`) && c.name.endsWith(';2'));
    expect(await phone.exited).toBe(0);
    return filesOf(caller);
  };

  /**
   * `caller` calls `callee` (registered, answering), plays `parts`, hangs up. Returns the files
   * of the call, once their size no longer grows (MixMonitor closes a file after the hang-up, in
   * its own thread; bounded wait).
   */
  const call = async (caller: string, callee: string, parts: TalkPart[]): Promise<string[]> => {
    const phone = await answering(callee);
    const since = ari.mark();
    const channel = callingChannel(since, (c) => c.name.startsWith(`PJSIP/${caller}-`));
    await talk([`127.0.0.1:${state.sipPort}`, '-sf', SCENARIO, '-s', callee, '-key', 'ext', caller, '-au', caller, '-ap', secretOf(caller), '-i', '127.0.0.1'], parts, 0x5eed0000 + Number(caller));
    expect(await phone.exited).toBe(0);
    return filesOf(await channel);
  };

  /**
   * The provider calls the DID from EXTERNAL_CALLER with the display name `name` (sipp on the
   * trunk's address), plays `parts`, hangs up; `callee` answers. The call's files and its calling channel.
   */
  const fromTrunk = async (callee: string, name: string, parts: TalkPart[]): Promise<{ files: string[]; channel: AriChannel }> => {
    const phone = await answering(callee);
    const since = ari.mark();
    const created = ari.waitFor('ChannelCreated', (e) => e.channel.name.startsWith('PJSIP/trunk-carrier-') && e.channel.caller.number === EXTERNAL_CALLER, { since });
    await talk([`127.0.0.1:${state.sipPort}`, '-sf', TRUNK_SCENARIO, '-s', DID, '-key', 'from', EXTERNAL_CALLER, '-key', 'name', name, '-i', PROVIDER], parts, 0x5eed1000 + Number(callee));
    expect(await phone.exited).toBe(0);
    const { channel } = await created;
    return { files: await filesOf(channel.id), channel };
  };

  /**
   * A sox check of a recording (mono, 8 kHz, the tone in it; `talked` seconds long, within what a
   * loaded machine loses, when given) and its index row against it: the row's duration is the file's.
   */
  const checkRecording = async (file: string, talked?: number) => {
    const info = soxInfo(file);
    expect(info.channels).toBe(1);
    expect(info.rate).toBe(8000);
    if (talked !== undefined) {
      expect(info.seconds).toBeGreaterThan(talked - 0.4);
      expect(info.seconds).toBeLessThan(talked + 1);
    }
    expect(rms(file)).toBeGreaterThan(0.05);
    const row = await indexed(file);
    expect(Math.abs(row.duration_ms - info.seconds * 1000)).toBeLessThan(100);
    return { row, seconds: info.seconds };
  };

  // Alone, before the calls that run at once: the file's length is the time between two key groups,
  // which a loaded machine (a burst of concurrent calls) shortens by 0.1 to 0.3 s.
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

  it.concurrent('always (the dialled extension): the whole bridged call is recorded without a key', async () => {
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

  it.concurrent('never wins: a caller set to always does not record a call to an extension set to never', async () => {
    expect(await call('3031', '3032', [{ audioMs: 2000 }])).toEqual([]);
  });

  it.concurrent('no policy: no recording, and *1 is not a feature (nobody opted in)', async () => {
    expect(await call('3041', '3042', [{ audioMs: 500 }, { keys: '*1' }, { audioMs: 1500 }])).toEqual([]);
  });

  it.concurrent('an inbound route set to always records the call to an extension with no say, from the answer', async () => {
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

  it.concurrent('an inbound route set to never keeps a call to an extension set to always unrecorded', async () => {
    expect(await inbound('4930552', '3052')).toEqual([]);
  });

  it.concurrent('a consent prompt on the route plays before the call is put through, and the recording starts after it', async () => {
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

  it.concurrent('a trunk call in (through an inbound route) is recorded by the trunk\'s policy and indexed inbound, from the provider\'s number to the extension that answered', async () => {
    // A display name with what CSV and JSON must escape: comma, quotes, a backslash.
    const { files, channel } = await fromTrunk('3061', 'Evil, \\"Boss\\" \\\\ x', [{ audioMs: 3000 }]);
    expect(files.map((f) => f.split('/').pop())).toEqual([expect.stringMatching(/^always-\d+-\d+\.\d+\.wav$/)]);
    const { row, seconds } = await checkRecording(files[0]!, 3);
    console.log(`trunk_inbound_recording_seconds=${seconds} duration_ms=${row.duration_ms}`);
    expect(row).toMatchObject({ direction: 'inbound', caller: EXTERNAL_CALLER, callee: '3061', kind: 'always' });
    // Asterisk's own journal record of the call reads back exactly: the caller's name as Asterisk has it.
    const records: CdrRecord[] = [];
    await readJournal(join(asteriskRoot, 'var/log/asterisk/cdr-custom/stumpfworks-cdr.csv'), undefined, async (batch) => void records.push(...batch.filter((r) => r.uniqueid === channel.id)));
    console.log(`journal_clid=${records[0]?.clid} ari_caller_name=${channel.caller.name}`);
    expect(channel.caller.name).toContain('Boss');
    // The CDR's clid puts a backslash before each quote and backslash of the name (measured).
    const clid = `"${channel.caller.name.replace(/["\\]/g, '\\$&')}" <${EXTERNAL_CALLER}>`;
    expect(records.map((r) => [r.src, r.clid, r.channel.startsWith('PJSIP/trunk-carrier-'), r.dstchannel.startsWith('PJSIP/3061-'), r.disposition])).toEqual([
      [EXTERNAL_CALLER, clid, true, true, 'ANSWERED'],
    ]);
  });

  it.concurrent('a call out through the trunk is recorded by the trunk\'s policy and indexed outbound, from the extension to the number it dialled', async () => {
    const since = ari.mark();
    const channel = callingChannel(since, (c) => c.name.startsWith('PJSIP/3062-'));
    await talk([`127.0.0.1:${state.sipPort}`, '-sf', SCENARIO, '-s', EXTERNAL_NUMBER, '-key', 'ext', '3062', '-au', '3062', '-ap', secretOf('3062'), '-i', '127.0.0.1'], [{ audioMs: 3000 }], 0x5eed2000);
    expect(await provider.exited).toBe(0);
    expect(provider.messages()).toContain(`INVITE sip:${EXTERNAL_NUMBER}@${PROVIDER}:${provider.port}`);
    const files = await filesOf(await channel);
    expect(files.map((f) => f.split('/').pop())).toEqual([expect.stringMatching(/^always-\d+-\d+\.\d+\.wav$/)]);
    const { row, seconds } = await checkRecording(files[0]!, 3);
    console.log(`trunk_outbound_recording_seconds=${seconds} duration_ms=${row.duration_ms}`);
    expect(row).toMatchObject({ direction: 'outbound', caller: '3062', callee: EXTERNAL_NUMBER, kind: 'always' });
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
    // The server (root here, as in its container) gives the MP3 the WAV's owner and mode: Asterisk's.
    const [made, spool] = [statSync(mp3), statSync(monitorDir)];
    expect([made.uid, made.gid]).toEqual([spool.uid, spool.gid]);
    const seconds = soxInfo(mp3).seconds;
    console.log(`mp3_recording_seconds=${seconds} mp3_bytes=${row.size_bytes} wav_ms=${row.duration_ms}`);
    // MP3 frames of 576 samples at 8 kHz (72 ms) and the encoder's padding make it a little longer, never shorter.
    expect(seconds).toBeGreaterThan(row.duration_ms / 1000 - 0.05);
    expect(seconds).toBeLessThan(row.duration_ms / 1000 + 0.25);
    const response = await t.api(`/recordings/${row.id}`);
    expect([response.status, response.headers.get('content-type'), (await response.arrayBuffer()).byteLength]).toEqual([200, 'audio/mpeg', row.size_bytes]);
    await t.ok('/settings/recordings', { method: 'PUT', json: { retentionDays: 90, format: 'wav' } });
  });

  it('a call that ends while the server is down is indexed from Asterisk\'s CDR journal when it starts again', async () => {
    let files: string[] = [];
    // Down: no AMI login, so the call's Cdr event reaches nobody; only the journal keeps it.
    await t.restart(async () => {
      files = await call('3071', '3072', [{ audioMs: 2500 }]);
    });
    expect(files.map((f) => f.split('/').pop())).toEqual([expect.stringMatching(/^always-\d+-\d+\.\d+\.wav$/)]);
    const { row, seconds } = await checkRecording(files[0]!);
    console.log(`caught_up_recording_seconds=${seconds} duration_ms=${row.duration_ms}`);
    expect(row).toMatchObject({ direction: 'internal', caller: '3071', callee: '3072', kind: 'always' });
    // Asterisk (its own user, not the server's) wrote the file into its 0750 spool; the server deletes it.
    const owner = statSync(files[0]!);
    console.log(`recording_owner=${owner.uid}:${owner.gid} mode=${(owner.mode & 0o7777).toString(8)} server_uid=${process.getuid?.()}`);
    expect(owner.uid).not.toBe(process.getuid?.());
    await t.ok(`/recordings/${row.id}`, { method: 'DELETE' });
    expect(existsSync(files[0]!)).toBe(false);
  });

  it('a call that ends while the server is cut off from AMI is indexed from the journal once its login is back', async () => {
    relay.sever();
    const files = await call('3081', '3082', [{ audioMs: 2000 }]);
    relay.restore();
    expect(files.map((f) => f.split('/').pop())).toEqual([expect.stringMatching(/^always-\d+-\d+\.\d+\.wav$/)]);
    // The login comes back after the stream's backoff (at most 10 s), then the catch-up reads the journal.
    const row = await indexed(files[0]!, 150);
    expect(row).toMatchObject({ direction: 'internal', caller: '3081', callee: '3082', kind: 'always' });
    expect(Math.abs(row.duration_ms - soxInfo(files[0]!).seconds * 1000)).toBeLessThan(100);
    console.log(`reconnect_caught_up_duration_ms=${row.duration_ms} relay_refused=${relay.refused}`);
    expect(relay.refused).toBeGreaterThan(0);
  });

  it('no file appeared in monitor/ that no call of these tests claimed', () => {
    const stray = [...recordings()].filter((f) => !before.has(f) && ![...claimed].some((id) => f.includes(id)));
    expect(stray).toEqual([]);
  });
});