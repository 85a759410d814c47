import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tone } from './tone.js';

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
