import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tone } from './tone.js';

const SCENARIO = fileURLToPath(new URL('./sipp/register.xml', import.meta.url));
const CALL_AND_HANG_UP = fileURLToPath(new URL('./sipp/call-rtp-hangup.xml', import.meta.url));

/**
 * Ports handed out in this process: never handed twice. A sipp binds its media port (-mp) and the
 * video port two above it, which the kernel knows nothing of until then; two concurrent calls
 * given ports 2 apart failed with "Unable to bind audio RTP socket" (CI, flow-recording).
 */
const handed = new Set<number>();

/** A port the kernel just handed out for TCP. */
function kernelPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Whether UDP `port` on 127.0.0.1 can be bound now (sipp binds UDP). */
function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

/** The first of `count` consecutive ports (from an even one when `count` > 1) free for TCP and UDP and not handed out before. */
async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const base = count > 1 ? (await kernelPort()) & ~1 : await kernelPort();
    const ports = Array.from({ length: count }, (_, i) => base + i);
    if (ports.some((p) => handed.has(p) || p > 65535)) continue;
    if (!(await Promise.all(ports.map(udpFree))).every(Boolean)) continue;
    for (const p of ports) handed.add(p);
    return base;
  }
  throw new Error(`no ${count} free port(s) after 100 tries`);
}

/** A free port for sipp's SIP socket (-p) or a listener. */
export function freePort(): Promise<number> {
  return freePorts(1);
}

/** A free port for sipp's media (-mp): it and the three above it (audio, video and their RTCP) are free. */
export function freeMediaPort(): Promise<number> {
  return freePorts(4);
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
        '-mp', String(await freeMediaPort()),
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
