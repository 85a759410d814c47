import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NO_TIMEWAIT = fileURLToPath(new URL('./sipp/uas-no-timewait.xml', import.meta.url));
const TALK = fileURLToPath(new URL('./sipp/uas-talk.xml', import.meta.url));

/**
 * sipp's built-in UAS (answers one call, waits for the BYE) on `address`:`port` (127.0.0.1 unless
 * given), as a fake provider or phone. `timewait: false`: it exits right after answering the BYE,
 * not 4 s later (sipp's wait for a retransmitted BYE). `talk`: a pcap (tests/parity/dtmf-pcap.ts
 * talkFile) the phone plays once answered, audio and RFC 4733 keys (sipp/uas-talk.xml, no timewait).
 * `scenarioFile`: another scenario for the one call (e.g. sipp/uas-busy.xml, a phone that is busy).
 */
export class SippUas {
  private readonly dir = mkdtempSync(join(tmpdir(), 'swf-uas-'));
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(
    readonly port: number,
    { address = '127.0.0.1', timewait = true, talk, scenarioFile }: { address?: string; timewait?: boolean; talk?: { pcap: Buffer; mediaPort: number }; scenarioFile?: string } = {},
  ) {
    if (talk) writeFileSync(join(this.dir, 'talk.pcap'), talk.pcap);
    const scenario = scenarioFile ? ['-sf', scenarioFile] : talk ? ['-sf', TALK, '-mp', String(talk.mediaPort)] : timewait ? ['-sn', 'uas'] : ['-sf', NO_TIMEWAIT];
    this.child = spawn(
      'sipp',
      [...scenario, '-i', address, '-p', String(port), '-m', '1', '-nostdin', '-timeout', '30s', '-timeout_error', '-trace_msg', '-message_file', join(this.dir, 'messages.log')],
      { cwd: this.dir, stdio: 'ignore' },
    );
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** The SIP messages sipp saw and sent so far. */
  messages(): string {
    const file = join(this.dir, 'messages.log');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  /** Stops sipp (by its own pid) if it still runs, and removes its files. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.pid !== undefined) this.child.kill('SIGTERM');
    await this.exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
