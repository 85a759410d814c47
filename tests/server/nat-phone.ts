/**
 * A SIP phone in the NAT lab's phone namespace: sipp REGISTERs and calls from 192.168.178.2:5070,
 * its RTP from port 6000, and it answers OPTIONS (`-aa`), so Asterisk can reach it by its contact.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PHONE_ADDRESS } from './nat-lab.js';
import { tone } from './tone.js';

const REGISTER = fileURLToPath(new URL('./sipp/register.xml', import.meta.url));
const CALL = fileURLToPath(new URL('./sipp/call-rtp.xml', import.meta.url));
export const PHONE_SIP_PORT = 5070;
export const PHONE_RTP_PORT = 6000;

export interface PhoneCall {
  /** sipp's exit code: 0 once Asterisk's BYE arrived and was answered. */
  exited: Promise<number | null>;
  /** The SIP messages sipp sent and received so far. */
  messages(): string;
  /** Stops sipp (its own pid) if it still runs. */
  stop(): Promise<void>;
}

export class NatPhone {
  private readonly dir = mkdtempSync(join(tmpdir(), 'swf-nat-phone-'));
  private readonly calls: PhoneCall[] = [];

  constructor(
    private readonly namespace: string,
    /** Where the phone sends SIP: the office router's public address and the SIP port. */
    private readonly server: string,
    private readonly extension: { id: string; secret: string },
  ) {
    writeFileSync(join(this.dir, 'tone.ul'), tone());
  }

  private sippArgs(scenario: string, service: string): string[] {
    return [
      'netns', 'exec', this.namespace, 'sipp', this.server,
      '-sf', scenario,
      '-s', service,
      '-au', this.extension.id,
      '-ap', this.extension.secret,
      '-key', 'ext', this.extension.id,
      '-i', PHONE_ADDRESS,
      '-p', String(PHONE_SIP_PORT),
      '-mp', String(PHONE_RTP_PORT),
      '-m', '1',
      '-nostdin',
      '-timeout_error',
    ];
  }

  /** One REGISTER with the extension's secret; status 0 means 200 OK. */
  register(): { status: number | null; output: string } {
    const result = spawnSync('ip', [...this.sippArgs(REGISTER, this.extension.id), '-timeout', '10s'], { cwd: this.dir, encoding: 'utf8', timeout: 20_000 });
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
  }

  /** Calls `number`; sipp runs until Asterisk hangs up (or 60 s pass). */
  call(number: string): PhoneCall {
    const log = join(this.dir, `messages-${this.calls.length}.log`);
    const child: ChildProcess = spawn('ip', [...this.sippArgs(CALL, number), '-timeout', '60s', '-aa', '-trace_msg', '-message_file', log], { cwd: this.dir, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const call: PhoneCall = {
      exited,
      messages: () => (existsSync(log) ? readFileSync(log, 'utf8') : ''),
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) child.kill('SIGTERM');
        await exited;
      },
    };
    this.calls.push(call);
    return call;
  }

  /** Stops every call still running and removes the phone's files. */
  async close(): Promise<void> {
    await Promise.all(this.calls.map((c) => c.stop()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
