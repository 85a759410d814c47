import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing.js';
import { describeWithTools } from '../../testing-tools.js';

/** Sample rate and channels from a WAV header. */
function wavFormat(data: Uint8Array) {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return { riff: String.fromCharCode(...data.slice(0, 4)), channels: view.getUint16(22, true), rate: view.getUint32(24, true), bits: view.getUint16(34, true) };
}

describeWithTools(['espeak-ng', 'sox'], '/prompts (real server, sox + espeak-ng)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  it('speaks German text into an 8 kHz mono WAV', async () => {
    const response = await t.api('/prompts/tts', { method: 'POST', json: { id: 'welcome', name: 'Willkommen', language: 'de', text: 'Willkommen bei der Musterfirma.' } });
    expect(response.status).toBe(201);
    const audio = new Uint8Array(await (await t.api('/prompts/welcome/audio')).arrayBuffer());
    expect(wavFormat(audio)).toEqual({ riff: 'RIFF', channels: 1, rate: 8000, bits: 16 });
    expect(audio.byteLength).toBeGreaterThan(8000);
  });

  it('converts an uploaded 44.1 kHz stereo WAV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swf-upload-'));
    const input = join(dir, 'tone.wav');
    execFileSync('sox', ['-n', '-r', '44100', '-c', '2', input, 'synth', '0.5', 'sine', '440']);
    const response = await t.api('/prompts/tone/audio?name=Ton', { method: 'PUT', headers: { 'content-type': 'audio/wav' }, body: readFileSync(input) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 'tone', name: 'Ton', source: 'upload' });
    const audio = new Uint8Array(await (await t.api('/prompts/tone/audio')).arrayBuffer());
    expect(wavFormat(audio)).toMatchObject({ channels: 1, rate: 8000 });
  });

  it('converts an uploaded MP3 (spoken by espeak-ng, encoded by sox) into a WAV Asterisk plays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swf-upload-'));
    execFileSync('espeak-ng', ['-v', 'de', '-w', join(dir, 'spoken.wav'), '--', 'Bitte warten Sie.']);
    execFileSync('sox', [join(dir, 'spoken.wav'), '-r', '44100', '-c', '2', join(dir, 'spoken.mp3')]);
    const mp3 = readFileSync(join(dir, 'spoken.mp3'));
    expect(mp3.subarray(0, 3).toString('latin1') === 'ID3' || (mp3[0] === 0xff && (mp3[1]! & 0xe0) === 0xe0)).toBe(true); // really an MP3
    const response = await t.api('/prompts/wartemusik/audio?name=Wartemusik', { method: 'PUT', headers: { 'content-type': 'audio/mpeg' }, body: mp3 });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toMatchObject({ id: 'wartemusik', source: 'upload' });
    const audio = new Uint8Array(await (await t.api('/prompts/wartemusik/audio')).arrayBuffer());
    expect(wavFormat(audio)).toEqual({ riff: 'RIFF', channels: 1, rate: 8000, bits: 16 });
    expect(audio.byteLength).toBeGreaterThan(8000); // about a second of speech: 16,000 bytes per second
  });

  it('refuses a corrupt MP3 with a clear 422 and keeps the prompt it was to replace', async () => {
    const before = new Uint8Array(await (await t.api('/prompts/wartemusik/audio')).arrayBuffer());
    const corrupt = await t.api('/prompts/wartemusik/audio', { method: 'PUT', headers: { 'content-type': 'audio/mpeg' }, body: 'ID3 but then nothing an MP3 decoder can read' });
    expect(corrupt.status).toBe(422);
    const body = (await corrupt.json()) as { error: { code: string; message: string; issues: Array<{ path: string; message: string }> } };
    expect(body.error.code).toBe('validation');
    expect(body.error.issues[0]).toMatchObject({ path: '(body)', message: expect.stringContaining('not a readable MP3 file') });
    expect(new Uint8Array(await (await t.api('/prompts/wartemusik/audio')).arrayBuffer())).toEqual(before);
  });

  it('refuses garbage and unknown types with 422', async () => {
    const garbage = await t.api('/prompts/bad/audio', { method: 'PUT', headers: { 'content-type': 'audio/wav' }, body: 'not audio at all' });
    expect(garbage.status).toBe(422);
    const type = await t.api('/prompts/bad/audio', { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(type.status).toBe(422);
  });
});
