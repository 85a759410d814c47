/**
 * Voicemail for people on the real Asterisk (issue #18 point 1): a sipp phone calls *97 (its own
 * box, found by the endpoint it authenticated as) or *98 (box number first), keys in the PIN by
 * RFC 4733 and changes it in VoiceMailMain's options (0, then 5): Asterisk's externpass command
 * hands the new PIN to the server, which stores it and writes it into the live voicemail.conf. A
 * PIN set through the API holds at once (the phone logs in with it). Web voicemail and MWI: a
 * registered phone gets NOTIFY "Messages-Waiting: yes" after a message is left, "no" after it is
 * marked heard and deleted through the API; the audio streams with Range; an operator sees only
 * the boxes given to them. Greetings: uploaded and spoken through the API into the box.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn } from '../../apps/server/src/auth/session-client.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { must, startTestServer, storedResource, type TestServer } from '../../apps/server/src/testing.js';
import { AriClient } from '../support/ari.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, readGeneratedFile, serverAsteriskEnv, stateFilePath, writeAndReload } from '../support/local-asterisk.js';
import { until } from '../support/until.js';
import { dtmfCall, type DtmfStep } from './sipp-dtmf-call.js';
import { SippMwiPhone } from './sipp-mwi-phone.js';
import { freePort, sippRegister } from './sipp.js';

const availability = await detectAsterisk();
const SECRET = 'Voicemail-Phone-Probe-5x';
const BOXES = ['3100', '3101'] as const;

/** Leaves a message in 3101: the ;1 leg (our Stasis app) plays a sound into VoiceMail() and hangs up when it ends. */
const TEST_DIALPLAN = `
[swf-vm-test]
exten => leave,1,Answer()
 same => n,VoiceMail(3101@default,s)
`;

/**
 * Logs in with `pin` (VoiceMailMain plays "password" first; "you have no messages" and the menu
 * after it, which 0 interrupts), then 0 (options), 5 (PIN), the new PIN twice. The pauses leave
 * VoiceMailMain time to start each prompt (a key pressed during one interrupts it).
 */
const changePin = (pin: string, next: string, before: DtmfStep[] = []): DtmfStep[] => [
  ...before,
  { pauseMs: 2500, digits: `${pin}#` },
  { pauseMs: 3500, digits: '0' },
  { pauseMs: 1500, digits: '5' },
  { pauseMs: 1500, digits: `${next}#` },
  { pauseMs: 1500, digits: `${next}#` },
];

describeWithAsterisk(availability, 'voicemail for people on the real Asterisk', (asterisk) => {
  const state = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
  const spool = (box: string) => join(asterisk.asteriskRoot!, 'var/spool/asterisk/voicemail/default', box);
  const storedPin = (box: string) => storedResource<{ voicemail: { pin?: string } }>(t, 'extension', box)?.voicemail.pin;
  let t: TestServer;
  let ari: AriClient;
  let generated: string;
  let restoreFiles: (() => Promise<void>) | undefined;
  let phone: SippMwiPhone | undefined;

  beforeAll(async () => {
    for (const box of BOXES) rmSync(spool(box), { recursive: true, force: true });
    restoreFiles = keepGeneratedFiles(asterisk, { ...GENERATED_FILES, 'extensions-test.conf': 'pbx_config.so' });
    t = await startTestServer(serverAsteriskEnv(), { ariRuntime: false });
    const own = await t.ok<{ voicemail: { pin: string } }>('/extensions', { method: 'POST', json: { id: '3100', name: 'Anna', secret: SECRET, codecs: ['ulaw'], voicemail: { enabled: true } } }, 201);
    generated = own.voicemail.pin;
    await t.ok('/extensions', { method: 'POST', json: { id: '3101', name: 'Ben', secret: `${SECRET}b`, codecs: ['ulaw'], voicemail: { enabled: true, pin: '250371' } } }, 201);
    await t.ok('/publish', { method: 'POST' }, 200);
    await writeAndReload(asterisk, 'extensions-test.conf', TEST_DIALPLAN, 'pbx_config.so');
    ari = await AriClient.connect('swf-voicemail-test', asterisk);
  });

  afterAll(async () => {
    await phone?.stop();
    await ari?.close();
    await t?.stop();
    await restoreFiles?.();
    if (asterisk.asteriskRoot) for (const box of BOXES) rmSync(spool(box), { recursive: true, force: true });
  });

  it('generates a 6-digit PIN that only the answer of the POST shows', async () => {
    expect(generated).toMatch(/^[0-9]{6}$/);
    expect(storedPin('3100')).toBe(generated);
    expect(JSON.stringify(await t.ok('/extensions'))).not.toContain(generated);
    expect(readGeneratedFile(asterisk, 'voicemail.conf')).toContain(`3100 => ${generated},Anna,\n`);
  });

  it('*97 opens the own box with its PIN; 0 5 changes the PIN, which the server stores and writes into voicemail.conf', async () => {
    const call = await dtmfCall(state.sipPort, '3100', SECRET, '*97', changePin(generated, '480213'));
    expect(call.status, call.output).toBe(0);
    await until('the PIN set by phone stored', () => storedPin('3100'), (pin) => pin === '480213');
    expect(readGeneratedFile(asterisk, 'voicemail.conf')).toContain('3100 => 480213,Anna,\n');
    const audit = await t.ok<{ entries: Array<{ action: string; resource: { id: string | null } }> }>('/audit?action=voicemail.pin');
    expect(audit.entries.some((e) => e.resource.id === '3100')).toBe(true);
  });

  it('*98 asks for the box, then its PIN: phone 3100 changes the PIN of 3101', async () => {
    const call = await dtmfCall(state.sipPort, '3100', SECRET, '*98', changePin('250371', '593817', [{ pauseMs: 2500, digits: '3101#' }]));
    expect(call.status, call.output).toBe(0);
    await until('the PIN of 3101 stored', () => storedPin('3101'), (pin) => pin === '593817');
  });

  it('a PIN set through the API holds at once: the phone logs in with it', async () => {
    const weak = await t.api('/voicemail/3100/pin', { method: 'PUT', json: { pin: '3100' } });
    expect(weak.status).toBe(422);
    const set = await t.ok<{ pin: string; live: boolean }>('/voicemail/3100/pin', { method: 'PUT', json: { pin: '602418' } });
    expect(set).toEqual({ pin: '********', live: true });
    const call = await dtmfCall(state.sipPort, '3100', SECRET, '*97', changePin('602418', '731904'));
    expect(call.status, call.output).toBe(0);
    await until('the PIN changed after logging in with the one set by the API', () => storedPin('3100'), (pin) => pin === '731904');
    const fresh = await t.ok<{ pin: string; live: boolean }>('/voicemail/3100/pin', { method: 'PUT', json: {} });
    expect(fresh.pin).toMatch(/^[0-9]{6}$/);
    expect(storedPin('3100')).toBe(fresh.pin);
    expect((await t.api('/voicemail/3999/pin', { method: 'PUT', json: {} })).status).toBe(404);
  });

  it('greetings: uploaded (converted like prompts) and spoken, owned like the spool, played and deleted through the API', async () => {
    const kinds = (list: Array<{ kind: string; present: boolean }>) => list.filter((g) => g.present).map((g) => g.kind);
    expect(kinds(await t.ok('/voicemail/3100/greetings'))).toEqual([]);
    const tone = spawnSync('sox', ['-n', '-r', '44100', '-c', '2', '-b', '16', '-t', 'wav', '-', 'synth', '1', 'sine', '440']).stdout;
    const uploaded = await t.api('/voicemail/3100/greetings/unavailable/audio', { method: 'PUT', body: tone, headers: { 'content-type': 'audio/wav' } });
    expect(uploaded.status, await uploaded.clone().text()).toBe(200);
    const file = join(spool('3100'), 'unavail.wav');
    // 1 s of 8 kHz mono 16-bit after the conversion, owned by Asterisk's user like the spool.
    expect(spawnSync('soxi', ['-r', file]).stdout.toString().trim()).toBe('8000');
    expect(spawnSync('soxi', ['-c', file]).stdout.toString().trim()).toBe('1');
    expect(statSync(file).uid).toBe(statSync(join(asterisk.asteriskRoot!, 'var/spool/asterisk/voicemail')).uid);
    await t.ok('/voicemail/3100/greetings/name/tts', { method: 'POST', json: { text: 'Anna Schmidt', language: 'de' } });
    expect(kinds(await t.ok('/voicemail/3100/greetings'))).toEqual(['unavailable', 'name']);
    const played = await t.api('/voicemail/3100/greetings/name/audio');
    expect(played.status).toBe(200);
    expect(Buffer.from(await played.arrayBuffer()).subarray(0, 4).toString()).toBe('RIFF');
    const bad = await t.api('/voicemail/3100/greetings/busy/audio', { method: 'PUT', body: Buffer.from('not audio at all'), headers: { 'content-type': 'audio/wav' } });
    expect(bad.status).toBe(422);
    expect((await t.api('/voicemail/3100/greetings/welcome/audio')).status).toBe(422);
    expect((await t.api('/voicemail/3100/greetings/name', { method: 'DELETE' })).status).toBe(204);
    expect((await t.api('/voicemail/3100/greetings/name', { method: 'DELETE' })).status).toBe(404);
    expect(kinds(await t.ok('/voicemail/3100/greetings'))).toEqual(['unavailable']);
  });

  it('web voicemail and MWI: a message left lights the lamp; listened to with Range, heard, forwarded and deleted through the API, the lamp follows', async () => {
    const port = await freePort();
    const registered = await sippRegister(state.sipPort, '3101', `${SECRET}b`, port);
    expect(registered.status, registered.output).toBe(0);
    phone = new SippMwiPhone(port);

    const since = ari.mark();
    const caller = await ari.originate({ endpoint: 'Local/leave@swf-vm-test', app: ari.app, callerId: 'Kunde <4930123>' });
    await ari.waitFor('StasisStart', (e) => e.channel.id === caller.id, { since });
    const playback = await ari.play(caller.id, 'sound:tt-weasels');
    await ari.waitFor('PlaybackFinished', (e) => e.playback.id === playback, { since });
    await ari.hangup(caller.id);
    const inbox = join(spool('3101'), 'INBOX');
    await until('the message in the INBOX', () => (existsSync(inbox) ? readdirSync(inbox) : []), (files) => files.includes('msg0000.txt'));
    await until('NOTIFY yes 1/0', () => phone!.notifies(), (n) => n.some((x) => x.waiting === 'yes' && x.voiceMessage.startsWith('1/0')));

    expect(await t.ok('/voicemail')).toEqual([
      { box: '3100', name: 'Anna', new: 0, old: 0 },
      { box: '3101', name: 'Ben', new: 1, old: 0 },
    ]);
    const [message, ...others] = await t.ok<Array<{ id: string; folder: string; callerNumber: string; callerName: string; durationSeconds: number }>>('/voicemail/3101/messages');
    expect(others).toEqual([]);
    expect(message).toMatchObject({ folder: 'INBOX', callerNumber: '4930123', callerName: 'Kunde' });
    expect(message!.durationSeconds).toBeGreaterThanOrEqual(1);

    // Listening: the whole file, a range (seeking), and past the end.
    const audio = `/voicemail/3101/messages/${message!.id}/audio`;
    const whole = await t.api(audio);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.length).toBe(readFileSync(join(inbox, 'msg0000.wav')).length);
    expect(bytes.subarray(0, 4).toString()).toBe('RIFF');
    const part = await t.api(audio, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
    const past = await t.api(audio, { headers: { range: `bytes=${bytes.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    const listened = await t.ok<{ entries: Array<{ resource: { id: string | null } }> }>('/audit?action=voicemail.listen');
    expect(listened.entries.filter((e) => e.resource.id === '3101')).toHaveLength(1);

    // An operator given only 3100 does not see 3101.
    const user = await t.ok<{ id: string }>('/users', { method: 'POST', json: { username: 'empfang', role: 'operator', password: 'one-time-pass-1' } }, 201);
    const first = await logIn(t, 'empfang', 'one-time-pass-1');
    await must(first.api('/auth/password', { method: 'PUT', json: { currentPassword: 'one-time-pass-1', newPassword: 'empfang-password-1' } }), 'own password');
    const operator = await logIn(t, 'empfang', 'empfang-password-1');
    await t.ok(`/users/${user.id}/assignment`, { method: 'PUT', json: { queues: [], mailboxes: ['3100'] } });
    expect((await must<Array<{ box: string }>>(operator.api('/voicemail'), 'operator boxes')).map((b) => b.box)).toEqual(['3100']);
    expect((await operator.api('/voicemail/3101/messages')).status).toBe(403);
    expect((await operator.api(audio)).status).toBe(403);
    expect((await operator.api(`/voicemail/3101/messages/${message!.id}`, { method: 'DELETE' })).status).toBe(403);

    const heard = await t.ok<{ folder: string }>(`/voicemail/3101/messages/${message!.id}/heard`, { method: 'POST' });
    expect(heard.folder).toBe('Old');
    await until('NOTIFY no 0/1 after heard', () => phone!.notifies(), (n) => n.some((x) => x.waiting === 'no' && x.voiceMessage.startsWith('0/1')));

    expect((await t.api(`/voicemail/3101/messages/${message!.id}/forward`, { method: 'POST', json: { box: '3100' } })).status).toBe(204);
    expect((await t.api(`/voicemail/3101/messages/${message!.id}/forward`, { method: 'POST', json: { box: '3999' } })).status).toBe(404);
    const forwarded = await t.ok<Array<{ folder: string; callerNumber: string }>>('/voicemail/3100/messages');
    expect(forwarded).toMatchObject([{ folder: 'INBOX', callerNumber: '4930123' }]);

    expect((await t.api(`/voicemail/3101/messages/${message!.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await t.ok('/voicemail/3101/messages')).toEqual([]);
    expect((await t.api(`/voicemail/3101/messages/${message!.id}`, { method: 'DELETE' })).status).toBe(404);
    await until('NOTIFY no 0/0 after the delete', () => phone!.notifies(), (n) => {
      const heardAt = n.findIndex((x) => x.voiceMessage.startsWith('0/1'));
      return heardAt >= 0 && n.slice(heardAt + 1).some((x) => x.waiting === 'no' && x.voiceMessage.startsWith('0/0'));
    });
  });
});
