/**
 * sipp as the attacker and as the honest phone of the ban tests and `pnpm bench security`: each run
 * binds its own loopback address (`-i`), runs a bounded number of calls of a scenario and records
 * every SIP message, so a test can look for the 403 a banned address gets.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeMediaPort, freePort } from './sipp.js';

const SCENARIOS = { register: fileURLToPath(new URL('./sipp/register.xml', import.meta.url)), call: fileURLToPath(new URL('./sipp/call.xml', import.meta.url)) };

export interface SippOptions {
  scenario: keyof typeof SCENARIOS;
  /** The loopback address sipp sends from. */
  source: string;
  sipPort: number;
  /** The extension (user and auth user) and the password it sends. */
  user: string;
  password: string;
  /** `call`: the number dialled. */
  number?: string;
  /** How many REGISTERs or calls (sipp `-m`). */
  calls?: number;
  /** Calls started per second (sipp `-r`), and at most this many at once (`-l`). */
  rate?: number;
  limit?: number;
  /** `call`: how long a call stays up before the phone hangs up. */
  holdMs?: number;
  /** sipp's own bound for the whole run. */
  timeoutSeconds?: number;
  /**
   * A request unanswered this long fails its call (`-recv_timeout`), so that a sender whose packets
   * the kernel drops goes on at its rate instead of waiting for sipp's bound.
   */
  answerTimeoutMs?: number;
  /** false: each request is sent once (`-nr`), as a scanner does; default: retransmitted like a phone. */
  retransmit?: boolean;
}

export interface SippResult {
  /** sipp's exit status: 0 when every call succeeded. */
  status: number | null;
  output: string;
  /** Every SIP message sent and received (`-trace_msg`). */
  messages: string;
}

/** Runs sipp (bounded by `-m` and `-timeout`) and resolves when it exits. */
export async function runSipp(options: SippOptions): Promise<SippResult> {
  const dir = mkdtempSync(join(tmpdir(), 'swf-sipp-ban-'));
  const args = [
    `127.0.0.1:${options.sipPort}`,
    '-sf', SCENARIOS[options.scenario],
    '-s', options.scenario === 'call' ? options.number ?? '' : options.user,
    '-key', 'ext', options.user,
    '-au', options.user,
    '-ap', options.password,
    '-i', options.source,
    '-p', String(await freePort()),
    '-mp', String(await freeMediaPort()),
    '-m', String(options.calls ?? 1),
    '-r', String(options.rate ?? 10),
    '-l', String(options.limit ?? 10),
    '-d', String(options.holdMs ?? 500),
    '-timeout', `${options.timeoutSeconds ?? 30}s`,
    '-timeout_error',
    ...(options.answerTimeoutMs !== undefined ? ['-recv_timeout', String(options.answerTimeoutMs)] : []),
    ...(options.retransmit === false ? ['-nr'] : []),
    '-nostdin',
    // A refused REGISTER ends its call without the BYE sipp sends for an aborted call by default.
    ...(options.scenario === 'register' ? ['-default_behaviors', 'abortunexp,pingreply'] : []),
    '-trace_msg', '-message_file', join(dir, 'messages.log'),
    '-trace_err', '-error_file', join(dir, 'errors.log'),
  ];
  try {
    const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    const status = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => resolve(code));
    });
    const file = join(dir, 'messages.log');
    const errors = join(dir, 'errors.log');
    return { status, output: `${output}\n${existsSync(errors) ? readFileSync(errors, 'utf8') : ''}`, messages: existsSync(file) ? readFileSync(file, 'utf8') : '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The status codes of the responses sipp received, in order (e.g. [401, 401, 403]). */
export function receivedStatuses(messages: string): number[] {
  return [...messages.matchAll(/^UDP message received[^\n]*\n\nSIP\/2\.0 (\d{3})/gm)].map((m) => Number(m[1]));
}

/** How many UDP messages sipp sent (retransmissions included). */
export function sentCount(messages: string): number {
  return [...messages.matchAll(/^UDP message sent/gm)].length;
}
