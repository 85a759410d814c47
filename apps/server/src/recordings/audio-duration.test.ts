import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audioDurationMs, mp3DurationMs, wavDurationMs } from './audio-duration.js';

const dir = mkdtempSync(join(tmpdir(), 'swf-duration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A tone made by sox: `seconds` long, in the format its arguments give. */
function tone(name: string, seconds: number, format: string[]): string {
  const file = join(dir, name);
  const made = spawnSync('sox', ['-n', ...format, file, 'synth', String(seconds), 'sine', '440'], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
  return file;
}

describe('durations from the file itself', () => {
  it('reads a WAV header: MixMonitor format, and a stereo 16 kHz one whose size would say something else', async () => {
    expect(await audioDurationMs(tone('mono.wav', 3.25, ['-r', '8000', '-b', '16', '-c', '1']))).toBe(3250);
    // Four times the bytes a second of 8 kHz mono: the size alone would say 4 x 1.5 s.
    expect(await audioDurationMs(tone('stereo.wav', 1.5, ['-r', '16000', '-b', '16', '-c', '2']))).toBe(1500);
  });

  it('a WAV header that claims more data than the file has (Asterisk died while recording) counts what is there', () => {
    const bytes = readFileSync(tone('short.wav', 1, ['-r', '8000', '-b', '16', '-c', '1']));
    expect(wavDurationMs(bytes.subarray(0, 44 + 8000))).toBe(500);
    expect(wavDurationMs(Buffer.from('not a wav at all'))).toBeUndefined();
  });

  it('counts an MP3s frames as a decoder plays them (soxi agrees within a frame)', async () => {
    // sox writes no LAME tag, so its encoder delay and padding (a few frames of 72 ms) are played too.
    const wav = tone('speech.wav', 4.2, ['-r', '8000', '-b', '16', '-c', '1']);
    const mp3 = join(dir, 'speech.mp3');
    expect(spawnSync('sox', [wav, '-t', 'mp3', '-C', '24', mp3]).status).toBe(0);
    const ms = (await audioDurationMs(mp3))!;
    const soxi = Number(spawnSync('soxi', ['-D', mp3], { encoding: 'utf8' }).stdout.trim()) * 1000;
    console.log(`mp3_frames_ms=${ms} soxi_ms=${soxi} wav_ms=4200`);
    expect(Math.abs(ms - soxi)).toBeLessThanOrEqual(72);
    expect(ms).toBeGreaterThanOrEqual(4200);
    expect(ms).toBeLessThan(4200 + 250);
    // With an ID3v2 tag in front (10-byte header, 20 bytes of tag): the same.
    const tagged = join(dir, 'tagged.mp3');
    const id3 = Buffer.concat([Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x14', 'latin1'), Buffer.alloc(20)]);
    writeFileSync(tagged, Buffer.concat([id3, readFileSync(mp3)]));
    expect(await audioDurationMs(tagged)).toBe(ms);
    expect(mp3DurationMs(Buffer.from('no frames'))).toBeUndefined();
  });

  it('an MP3 whose first frame is a Xing/Info frame with a LAME tag: that frame and the stated delay and padding are not played', async () => {
    const mp3 = readFileSync(join(dir, 'speech.mp3'));
    const plain = mp3DurationMs(mp3)!;
    // A copy of the first frame (MPEG-2.5 mono: 9 bytes of side info) as an Info frame whose LAME
    // tag states 576 samples of delay and 576 of padding (12 bits each, 21 bytes into the tag).
    const info = Buffer.from(mp3.subarray(0, 216));
    info.fill(0, 4);
    info.write('Info', 4 + 9, 'latin1');
    info.write('LAME', 4 + 9 + 120, 'latin1');
    info.set([0x24, 0x02, 0x40], 4 + 9 + 120 + 21);
    expect(mp3DurationMs(Buffer.concat([info, mp3]))).toBe(plain - 2 * 72);
  });
});
