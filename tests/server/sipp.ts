import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCENARIO = fileURLToPath(new URL('./sipp/register.xml', import.meta.url));
const CALL_AND_HANG_UP = fileURLToPath(new URL('./sipp/call-rtp-hangup.xml', import.meta.url));

/** A free UDP-ish port: a TCP port the kernel just handed out (sipp binds UDP on it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs one REGISTER of `user` with `password` against 127.0.0.1:`sipPort`; exit 0 means 200 OK.
 * The contact is 127.0.0.1:`port` (a free one by default; give one for a UAS to answer there).
 */
export async function sippRegister(sipPort: number, user: string, password: string, port?: number): Promise<{ status: number | null; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'swf-sipp-'));
  try {
    const result = spawnSync(
      'sipp',
      [
        `127.0.0.1:${sipPort}`,
        '-sf', SCENARIO,
        '-s', user,
        '-au', user,
        '-ap', password,
        '-i', '127.0.0.1',
        '-p', String(port ?? (await freePort())),
        '-m', '1',
        '-timeout', '10s',
        '-timeout_error',
        '-nostdin',
        '-trace_err',
        '-error_file', join(dir, 'errors.log'),
      ],
      { cwd: dir, encoding: 'utf8', timeout: 20_000 },
    );
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** G.711 u-law of one 16-bit sample (ITU-T G.711, as sox and Asterisk encode it). */
function ulaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(Math.abs(sample), 32635) + 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  magnitude = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | magnitude) & 0xff;
}

/** One second of a 440 Hz tone at 8 kHz in u-law: what the phone's microphone sends (looped). */
export function tone(): Buffer {
  return Buffer.from(Array.from({ length: 8000 }, (_, i) => ulaw(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)))));
}

/**
 * Extension `user` calls `number` on 127.0.0.1:`sipPort`, sends the 440 Hz tone as RTP once
 * answered, and hangs up after `holdMs`. Exit 0 means the call was answered and the BYE accepted.
 */
export async function sippCallAndHangUp(sipPort: number, user: string, password: string, number: string, holdMs: number): Promise<{ status: number | null; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'swf-sipp-'));
  try {
    writeFileSync(join(dir, 'tone.ul'), tone());
    // Not spawnSync: the server under test runs in this process and must go on working during the call.
    const child = spawn(
      'sipp',
      [
        `127.0.0.1:${sipPort}`,
        '-sf', CALL_AND_HANG_UP,
        '-s', number,
        '-au', user,
        '-ap', password,
        '-key', 'ext', user,
        '-i', '127.0.0.1',
        '-p', String(await freePort()),
        '-mp', String(await freePort()),
        '-d', String(holdMs),
        '-m', '1',
        '-timeout', `${Math.ceil(holdMs / 1000) + 20}s`,
        '-timeout_error',
        '-nostdin',
        '-trace_err',
        '-error_file', join(dir, 'errors.log'),
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const status = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { status, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
