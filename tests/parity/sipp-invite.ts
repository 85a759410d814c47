/**
 * A call from a trunk: sipp sends an INVITE from `address` (a loopback address the trunk's
 * identify section matches) to a DID, with the caller's number and name in the From header, then
 * answers the BYE when the flow hangs up. Scenario: tests/parity/sipp/invite.xml.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../server/sipp.js';

const SCENARIO = fileURLToPath(new URL('./sipp/invite.xml', import.meta.url));

/**
 * RFC 3261 `user`: unreserved and user-unreserved characters as they are, the rest escaped (`%XX` of
 * the UTF-8 bytes); also `; ? /`, of which PJSIP cut a number at a raw `;` (URI parameters).
 */
function sipUser(value: string): string {
  return [...new TextEncoder().encode(value)]
    .map((byte) => {
      const c = String.fromCharCode(byte);
      return /[A-Za-z0-9\-_.!~*'()&=+$,]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** A quoted-string display name: `\` and `"` escaped with a backslash (RFC 3261 quoted-pair). */
function displayName(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** The From header's value (without tag): display name and URI; no user part for an empty number. */
export function fromHeader(number: string, name: string, address: string): string {
  return `${displayName(name)} <sip:${number === '' ? '' : `${sipUser(number)}@`}${address}>`;
}

/** sipp's exit code (0: answered, BYE received and answered) and what it printed. */
export interface SippResult {
  code: number | null;
  output: string;
}

type InviteOptions = { sipHost: string; sipPort: number; address: string; did: string; number: string; name: string; timeoutSeconds: number };

/**
 * One call to Asterisk at `sipHost`:`sipPort` (UDP). sipp binds its SIP and RTP ports before it
 * sends anything; when another process took one of them meanwhile (the ports are picked free, but
 * eight calls start at once), it is started again with new ones, up to three times.
 */
export async function sippInvite(options: InviteOptions): Promise<SippResult> {
  let result = await runSipp(options);
  for (let attempt = 1; attempt < 3 && result.code !== 0 && /Unable to bind/.test(result.output); attempt++) result = await runSipp(options);
  return result;
}

async function runSipp(options: InviteOptions): Promise<SippResult> {
  const dir = mkdtempSync(join(tmpdir(), 'swf-sipp-invite-'));
  const [port, mediaPort] = [await freePort(), await freePort()];
  const child = spawn(
    'sipp',
    [
      `${options.sipHost}:${options.sipPort}`,
      '-sf', SCENARIO,
      '-key', 'did', options.did,
      '-key', 'from', fromHeader(options.number, options.name, options.address),
      '-i', options.address,
      '-bind_local',
      '-p', String(port),
      '-mi', options.address,
      '-mp', String(mediaPort),
      '-m', '1',
      '-timeout', `${options.timeoutSeconds}s`,
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
  return new Promise<SippResult>((resolve) => {
    child.once('error', (error) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ code: null, output: `sipp did not start: ${error.message}` });
    });
    child.once('exit', (code) => {
      const errors = join(dir, 'errors.log');
      const logged = code !== 0 && existsSync(errors) ? readFileSync(errors, 'utf8').slice(-2000) : '';
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, output: `${output}${logged}` });
    });
  });
}
