import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../errors.js';

const run = promisify(execFile);

/** sox arguments that turn any input into what Asterisk plays without transcoding: 8 kHz mono 16-bit WAV. */
const ASTERISK_FORMAT = ['-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer'];

function onPath(binary: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => existsSync(join(dir, binary)));
}

/** Converts an uploaded WAV or MP3 into `target` (8 kHz mono WAV). MP3 goes through ffmpeg when installed, else sox. */
export async function convertUpload(data: Uint8Array, format: 'wav' | 'mp3', target: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'swf-prompt-'));
  try {
    const input = join(dir, `in.${format}`);
    writeFileSync(input, data);
    if (format === 'mp3' && onPath('ffmpeg')) {
      await run('ffmpeg', ['-nostdin', '-loglevel', 'error', '-y', '-i', input, '-ar', '8000', '-ac', '1', '-c:a', 'pcm_s16le', target]);
    } else {
      await run('sox', ['-t', format, input, ...ASTERISK_FORMAT, target]);
    }
  } catch (error) {
    const detail = ((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split('\n')[0];
    throw new AppError('validation', `the audio could not be converted (${format}): ${detail}`, {
      issues: [{ path: '(body)', message: `not a readable ${format} file${format === 'mp3' ? ' (MP3 needs ffmpeg or libsox-fmt-mp3)' : ''}` }],
    });
  } finally {
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
