import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCENARIO = join(import.meta.dirname, 'sipp/mwi-notify.xml');

/** What one NOTIFY said: its Messages-Waiting and Voice-Message lines. */
export interface MwiNotify {
  waiting: 'yes' | 'no';
  voiceMessage: string;
}

/** A phone's NOTIFY side on 127.0.0.1:`port` (register it there first): answers up to 50 NOTIFYs with 200 OK. */
export class SippMwiPhone {
  private readonly dir = mkdtempSync(join(tmpdir(), 'swf-mwi-'));
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(readonly port: number) {
    this.child = spawn(
      'sipp',
      ['-sf', SCENARIO, '-i', '127.0.0.1', '-p', String(port), '-m', '50', '-nostdin', '-timeout', '300s', '-trace_msg', '-message_file', join(this.dir, 'messages.log')],
      { cwd: this.dir, stdio: 'ignore' },
    );
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** The message-summary bodies of the NOTIFYs received so far, oldest first. */
  notifies(): MwiNotify[] {
    const file = join(this.dir, 'messages.log');
    const log = existsSync(file) ? readFileSync(file, 'utf8') : '';
    return log
      .split(/^-{20,}.*\n/m)
      .filter((m) => /^UDP message received.*\n\nNOTIFY /.test(m))
      .map((m) => ({
        waiting: /^Messages-Waiting: *(yes|no)/im.exec(m)?.[1]?.toLowerCase() as 'yes' | 'no',
        voiceMessage: /^Voice-Message: *(.*)$/im.exec(m)?.[1]?.trim() ?? '',
      }));
  }

  /** Stops sipp (by its own pid) and removes its files. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.pid !== undefined) this.child.kill('SIGTERM');
    await this.exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
