import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../errors.js';
import { say } from '../http/language.js';

const run = promisify(execFile);

/** sox arguments that turn any input into what Asterisk plays without transcoding: 8 kHz mono 16-bit WAV. */
const ASTERISK_FORMAT = ['-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer'];

function onPath(binary: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => existsSync(join(dir, binary)));
}

/**
 * Converts an uploaded WAV or MP3 into `target` (8 kHz mono WAV). MP3 goes through ffmpeg when
 * installed, else sox (with libsox-fmt-mp3). The result is written beside `target` and renamed
 * into place, so a failed upload never damages the prompt it was to replace. Unreadable audio, or
 * audio without a single sample, is a 422 naming the converter's reason.
 */
export async function convertUpload(data: Uint8Array, format: 'wav' | 'mp3', target: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'swf-prompt-'));
  const temp = `${target}.${process.pid}.tmp.wav`;
  const kind = format === 'mp3' ? 'MP3' : 'WAV';
  // The converter's reason stays as it printed it.
  const refuse = (reason: string) =>
    new AppError('validation', say({ de: `Die Audiodatei konnte nicht umgewandelt werden (${format}): ${reason}`, en: `the audio could not be converted (${format}): ${reason}` }), {
      issues: [{ path: '(body)', message: say({ de: `Keine lesbare ${kind}-Datei: ${reason}`, en: `not a readable ${kind} file: ${reason}` }) }],
    });
  try {
    const input = join(dir, `in.${format}`);
    writeFileSync(input, data);
    try {
      if (format === 'mp3' && onPath('ffmpeg')) {
        await run('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', '-i', input, '-ar', '8000', '-ac', '1', '-c:a', 'pcm_s16le', '-f', 'wav', temp]);
      } else {
        await run('sox', ['-t', format, input, ...ASTERISK_FORMAT, '-t', 'wav', temp]);
      }
    } catch (error) {
      const lines = ((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split('\n');
      // sox prints warnings (e.g. "MAD lost sync") before the line that says why it failed.
      throw refuse((lines.find((line) => /FAIL|error/i.test(line)) ?? lines[0] ?? 'unknown error').trim());
    }
    // A WAV header is 44 bytes: anything not longer holds no audio.
    if (statSync(temp).size <= 44) throw refuse(say({ de: 'sie enthält kein Audio', en: 'it contains no audio' }));
    renameSync(temp, target);
  } finally {
    rmSync(temp, { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Speaks `text` with espeak-ng (de or en) and converts it into `target`. Offline. */
export async function synthesize(text: string, language: 'de' | 'en', target: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'swf-tts-'));
  try {
    const raw = join(dir, 'tts.wav');
    await run('espeak-ng', ['-v', language, '-w', raw, '--', text]);
    await run('sox', [raw, ...ASTERISK_FORMAT, target]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
