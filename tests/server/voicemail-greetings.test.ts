/**
 * Greetings on the real Asterisk (issue #18 point 1): four sipp phones at once log in with *97 and
 * record, in VoiceMailMain's options (0), the unavailable (1), busy (2), name (3) and temporary (4)
 * greeting, speaking the 440 Hz tone as RTP and keying in RFC 4733 DTMF (# ends the recording, 1
 * accepts it). Each file appears in the box, the API lists it, and sox measures it against what
 * was spoken. Then what a caller hears: a Local channel in our Stasis app reaches VoiceMail(), and
 * ARI records what that leg receives, i.e. exactly what Asterisk plays to the caller. sox finds the
 * greeting in it by frequency and by where the sound ends: an uploaded tone, a TTS text, a
 * greeting recorded by phone, and the temporary greeting, which replaces both unavailable and busy
 * until it is deleted through the API.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { AriRequestError } from '../../packages/ari-runtime/src/index.js';
import { AriClient } from '../support/ari.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, serverAsteriskEnv, stateFilePath, writeAndReload } from '../support/local-asterisk.js';
import { until } from '../support/until.js';
import { dtmfCall, type DtmfStep } from './sipp-dtmf-call.js';

const availability = await detectAsterisk();
const SECRET = 'Greeting-Phone-Probe-7q';
const PIN = '602413';
/** The phones that record by phone, one kind each; 3204 only gets greetings through the API. */
const PHONES = { '3200': 'unavailable', '3201': 'busy', '3202': 'name', '3203': 'temporary' } as const;
const BOXES = [...Object.keys(PHONES), '3204'];
/** The option key in VoiceMailMain's options menu and Asterisk's prompt before the beep (en, GSM: 1650 bytes a second). */
const OPTION = { unavailable: ['1', 'vm-rec-unv'], busy: ['2', 'vm-rec-busy'], name: ['3', 'vm-rec-name'], temporary: ['4', 'vm-rec-temp'] } as const;
/** How long each phone speaks after the beep before it presses # (different per kind, so each file is told apart by its length). */
const SPEAK_MS = { unavailable: 3000, busy: 4000, name: 2000, temporary: 5000 } as const;

/** Asterisk's beep.gsm (726 bytes of GSM, 1650 a second) after the greeting. */
const BEEP_SECONDS = 0.44;

/**
 * What the ARI recording of the caller's leg holds against the greeting file: half the amplitude
 * (-6 dB), the same for tones, speech and phone recordings (measured: 0.499 each time).
 */
const HEARD_GAIN = 0.5;

/** VoiceMail() with the unavailable (u) or busy (b) greeting and no instructions (s) for box `${EXTEN:1}`. */
const TEST_DIALPLAN = `
[swf-vm-greet]
exten => _u.,1,Answer()
 same => n,Wait(0.5)
 same => n,VoiceMail(\${EXTEN:1}@default,us)
exten => _b.,1,Answer()
 same => n,Wait(0.5)
 same => n,VoiceMail(\${EXTEN:1}@default,bs)
`;

const sox = (args: string[]) => spawnSync('sox', args, { encoding: 'utf8' });
const soxSeconds = (file: string) => Number(spawnSync('soxi', ['-D', file], { encoding: 'utf8' }).stdout.trim());

/** sox's `stat` of `file` from `from` for `length` seconds: RMS amplitude and rough frequency. */
function stat(file: string, from: number, length: number): { rms: number; frequency: number } {
  const out = sox([file, '-n', 'trim', String(from), String(length), 'stat']).stderr;
  const value = (name: string) => Number(new RegExp(`${name}:\\s+(-?[0-9.]+)`).exec(out)?.[1]);
  return { rms: value('RMS\\s+amplitude'), frequency: value('Rough\\s+frequency') };
}

describeWithAsterisk(availability, 'greetings by phone and what a caller hears, on the real Asterisk', (asterisk) => {
  const state = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
  const root = asterisk.asteriskRoot!;
  const spool = (box: string) => join(root, 'var/spool/asterisk/voicemail/default', box);
  /** Seconds of Asterisk's English prompt `name` (`sounds/en` is a link through /etc/alternatives, inside the root). */
  const prompt = (name: string) => {
    let dir = join(root, 'usr/share/asterisk/sounds/en');
    while (lstatSync(dir).isSymbolicLink()) dir = join(root, readlinkSync(dir));
    return statSync(join(dir, `${name}.gsm`)).size / 1650;
  };
  const recordingDir = join(root, 'var/spool/asterisk/recording');
  let madeRecordingDir = false;
  let t: TestServer;
  let ari: AriClient;
  let restoreFiles: (() => Promise<void>) | undefined;
  const recordings: string[] = [];

  /**
   * A caller reaches VoiceMail(`box`) with the greeting `which`; ARI records what the caller's leg
   * receives for `seconds` (Asterisk ends the recording; longer than the greeting and the beep) and
   * hangs up. Returns the WAV with any silence before the greeting cut off.
   */
  async function hear(which: 'u' | 'b', box: string, seconds: number): Promise<string> {
    const name = `swf-greet-heard-${which}${box}-${Date.now()}`;
    const since = ari.mark();
    const caller = await ari.originate({ endpoint: `Local/${which}${box}@swf-vm-greet`, app: ari.app, callerId: 'Kunde <4930999>' });
    await ari.waitFor('StasisStart', (e) => e.channel.id === caller.id, { since });
    await ari.request('POST', `/channels/${caller.id}/record`, { query: { name, format: 'wav', maxDurationSeconds: seconds, ifExists: 'overwrite' } });
    await until(`the recording ${name} finished`, () => ari.request('GET', `/recordings/live/${name}`).then(() => false, (error: Error) => error instanceof AriRequestError && error.status === 404), (gone) => gone);
    await ari.hangup(caller.id).catch(() => undefined);
    const file = join(root, 'var/spool/asterisk/recording', `${name}.wav`);
    recordings.push(file);
    const trimmed = `${file.slice(0, -4)}-trimmed.wav`;
    recordings.push(trimmed);
    const cut = sox([file, trimmed, 'silence', '1', '0.02', '1%']);
    expect(cut.status, cut.stderr).toBe(0);
    return trimmed;
  }

  /**
   * The caller heard `greeting` (its WAV in the box): its sound (RMS, HEARD_GAIN of the file's),
   * of `frequency` Hz when given, then the beep, and nothing after: VoiceMail sends no
   * audio while it records, so the recording of what the caller receives ends with the beep. Its
   * length is the greeting's plus the beep's.
   */
  function expectHeard(file: string, greeting: string, frequency?: number): void {
    const length = soxSeconds(greeting);
    const heard = stat(file, 0, length);
    const played = stat(greeting, 0, length);
    expect(Math.abs(heard.rms / played.rms - HEARD_GAIN), `${file}: RMS ${heard.rms} against ${played.rms}`).toBeLessThan(0.05);
    if (frequency !== undefined) expect(Math.abs(heard.frequency - frequency), `${file}: ${heard.frequency} Hz`).toBeLessThan(40);
    expect(Math.abs(soxSeconds(file) - (length + BEEP_SECONDS)), `${file}: ${soxSeconds(file)} s for a greeting of ${length} s`).toBeLessThan(0.2);
  }

  beforeAll(async () => {
    for (const box of BOXES) rmSync(spool(box), { recursive: true, force: true });
    restoreFiles = keepGeneratedFiles(asterisk, { ...GENERATED_FILES, 'extensions-test.conf': 'pbx_config.so' });
    t = await startTestServer(serverAsteriskEnv(), { ariRuntime: false });
    for (const box of BOXES) {
      await t.ok('/extensions', { method: 'POST', json: { id: box, name: `Box ${box}`, secret: SECRET, codecs: ['ulaw'], voicemail: { enabled: true, pin: PIN } } }, 201);
    }
    await t.ok('/publish', { method: 'POST' }, 200);
    await writeAndReload(asterisk, 'extensions-test.conf', TEST_DIALPLAN, 'pbx_config.so');
    ari = await AriClient.connect('swf-greetings-test', asterisk);
    // ARI records into Asterisk's recording directory, which it does not make itself; owned like the spool.
    if (!existsSync(recordingDir)) {
      const owner = statSync(join(root, 'var/spool/asterisk'));
      mkdirSync(recordingDir);
      chownSync(recordingDir, owner.uid, owner.gid);
      madeRecordingDir = true;
    }
  });

  afterAll(async () => {
    await ari?.close();
    await t?.stop();
    await restoreFiles?.();
    for (const file of recordings) rmSync(file, { force: true });
    if (madeRecordingDir) rmSync(recordingDir, { recursive: true, force: true });
    if (asterisk.asteriskRoot) for (const box of BOXES) rmSync(spool(box), { recursive: true, force: true });
  });

  it('four phones at once record the unavailable, busy, name and temporary greeting in the options menu; the API lists each and sox measures it', async () => {
    const entries = Object.entries(PHONES) as Array<[keyof typeof PHONES, (typeof PHONES)[keyof typeof PHONES]]>;
    const calls = entries.map(([phone, kind]) => {
      const [key, before] = OPTION[kind];
      // The PIN after "password"; 0 during the menu; the option; after its prompt and the beep, SPEAK_MS of tone, then #; 1 accepts during the review prompt; "message saved".
      const steps: DtmfStep[] = [
        { pauseMs: 2500, digits: `${PIN}#` },
        { pauseMs: 3500, digits: '0' },
        { pauseMs: 1500, digits: key },
        { pauseMs: Math.round(prompt(before) * 1000) + 600, speakMs: SPEAK_MS[kind] },
        { pauseMs: 0, digits: '#' },
        { pauseMs: 1500, digits: '1' },
      ];
      return dtmfCall(state.sipPort, phone, SECRET, '*97', steps);
    });
    for (const call of await Promise.all(calls)) expect(call.status, call.output).toBe(0);

    for (const [phone, kind] of entries) {
      const listed = await t.ok<Array<{ kind: string; present: boolean; bytes?: number }>>(`/voicemail/${phone}/greetings`);
      expect(listed.filter((g) => g.present).map((g) => g.kind)).toEqual([kind]);
      const file = join(spool(phone), `${{ unavailable: 'unavail', busy: 'busy', name: 'greet', temporary: 'temp' }[kind]}.wav`);
      expect(existsSync(file)).toBe(true);
      expect(listed.find((g) => g.kind === kind)?.bytes).toBe(statSync(file).size);
      // What the phone spoke: SPEAK_MS of the tone (the recording starts at the beep and ends at #, whose tone Asterisk cuts off).
      const seconds = soxSeconds(file);
      expect(Math.abs(seconds - SPEAK_MS[kind] / 1000), `${kind}: ${seconds} s`).toBeLessThan(1.2);
      expect(Math.abs(stat(file, 0.3, seconds - 0.6).frequency - 440)).toBeLessThan(40);
      // Served by the API as recorded.
      const audio = await t.api(`/voicemail/${phone}/greetings/${kind}/audio`);
      expect(Buffer.from(await audio.arrayBuffer()).equals(readFileSync(file))).toBe(true);
    }
  });

  it('a caller hears the uploaded unavailable greeting, the TTS busy greeting, a greeting recorded by phone, and the temporary greeting instead of both until it is deleted', async () => {
    const upload = (box: string, kind: string, hz: number, seconds: number) =>
      t.api(`/voicemail/${box}/greetings/${kind}/audio`, {
        method: 'PUT',
        body: spawnSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', '-t', 'wav', '-', 'synth', String(seconds), 'sine', String(hz), 'vol', '0.5']).stdout,
        headers: { 'content-type': 'audio/wav' },
      });
    expect((await upload('3204', 'unavailable', 660, 2)).status).toBe(200);
    expect((await upload('3203', 'unavailable', 660, 2)).status).toBe(200);
    await t.ok('/voicemail/3204/greetings/busy/tts', { method: 'POST', json: { text: 'Bitte sprechen Sie nach dem Signalton.', language: 'de' } });
    const greeting = (box: string, name: string) => join(spool(box), `${name}.wav`);
    const seconds = (box: string, name: string) => Math.ceil(soxSeconds(greeting(box, name))) + 2;

    const [uploaded, spoken, byPhone, tempU, tempB] = await Promise.all([
      hear('u', '3204', seconds('3204', 'unavail')),
      hear('b', '3204', seconds('3204', 'busy')),
      hear('u', '3200', seconds('3200', 'unavail')),
      hear('u', '3203', seconds('3203', 'temp')),
      hear('b', '3203', seconds('3203', 'temp')),
    ]);
    expectHeard(uploaded, greeting('3204', 'unavail'), 660);
    expectHeard(spoken, greeting('3204', 'busy'));
    expectHeard(byPhone, greeting('3200', 'unavail'), 440);
    // 3203 has its own unavailable greeting (660 Hz), yet the caller hears the temporary one (440 Hz, by phone) for u and b.
    expectHeard(tempU, greeting('3203', 'temp'), 440);
    expectHeard(tempB, greeting('3203', 'temp'), 440);

    expect((await t.api('/voicemail/3203/greetings/temporary', { method: 'DELETE' })).status).toBe(204);
    expectHeard(await hear('u', '3203', seconds('3203', 'unavail')), greeting('3203', 'unavail'), 660);
  });
});
