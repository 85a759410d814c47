import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing.js';

/** Sample rate and channels from a WAV header. */
function wavFormat(data: Uint8Array) {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return { riff: String.fromCharCode(...data.slice(0, 4)), channels: view.getUint16(22, true), rate: view.getUint32(24, true), bits: view.getUint16(34, true) };
}

describe('/prompts (real server, sox + espeak-ng)', () => {
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

  it('refuses garbage and unknown types with 422', async () => {
    const garbage = await t.api('/prompts/bad/audio', { method: 'PUT', headers: { 'content-type': 'audio/wav' }, body: 'not audio at all' });
    expect(garbage.status).toBe(422);
    const type = await t.api('/prompts/bad/audio', { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(type.status).toBe(422);
  });
});
