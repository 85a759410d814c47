import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCENARIO = join(import.meta.dirname, 'sipp/registrar.xml');

/** A provider's registrar (sipp/registrar.xml) on 127.0.0.1:`port` over TCP, answering every REGISTER with 200 OK until it is stopped. */
export class SippRegistrar {
  private readonly dir = mkdtempSync(join(tmpdir(), 'swf-registrar-'));
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(readonly port: number) {
    this.child = spawn('sipp', ['-sf', SCENARIO, '-t', 't1', '-i', '127.0.0.1', '-p', String(port), '-m', '1', '-nostdin', '-timeout', '300s'], {
      cwd: this.dir,
      stdio: 'ignore',
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** Stops sipp (by its own pid): the registrar is gone, its port closed. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.pid !== undefined) this.child.kill('SIGKILL');
    await this.exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
