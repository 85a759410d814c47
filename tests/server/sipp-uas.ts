import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** sipp's built-in UAS (answers one call, waits for the BYE) on 127.0.0.1:`port`, as a fake provider. */
export class SippUas {
  private readonly dir = mkdtempSync(join(tmpdir(), 'swf-uas-'));
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(readonly port: number) {
    this.child = spawn(
      'sipp',
      ['-sn', 'uas', '-i', '127.0.0.1', '-p', String(port), '-m', '1', '-nostdin', '-timeout', '30s', '-timeout_error', '-trace_msg', '-message_file', join(this.dir, 'messages.log')],
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
