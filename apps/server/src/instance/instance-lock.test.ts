import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fork } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing.js';
import { lockDataDir } from './instance-lock.js';
import { StartRefused } from './start-refused.js';

describe('one server per DATA_DIR', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'swf-lock-'));
    dirs.push(dir);
    return dir;
  };

  it('refuses a second server on the same DATA_DIR in both languages, naming the first, and starts once it stopped', async () => {
    const dir = dataDir();
    const first = await startTestServer({ DATA_DIR: dir });
    let refused: unknown;
    try {
      await startTestServer({ DATA_DIR: dir });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(StartRefused);
    expect((refused as StartRefused).text.en).toMatch(new RegExp(`another StumpfWorks VoIP server is running on DATA_DIR ${dir} \\(PID ${process.pid} on `));
    expect((refused as StartRefused).text.de).toContain(`Auf DATA_DIR ${dir} läuft schon ein anderer StumpfWorks-VoIP-Server (PID ${process.pid}`);
    // The first one still works.
    expect((await first.api('/flows')).status).toBe(200);
    await first.stop();
    const second = await startTestServer({ DATA_DIR: dir });
    expect((await second.api('/flows')).status).toBe(200);
    await second.stop();
  });

  it('is held by another process until that process ends, however it ends', async () => {
    const dir = dataDir();
    // A child that takes the lock, says so, and is then killed (no chance to release it).
    const child = fork(join(import.meta.dirname, 'lock-holder.fixture.ts'), [dir], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`the lock holder ended early (${code})`)));
    });
    expect(() => lockDataDir(dir, 0)).toThrow(StartRefused);
    const ended = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await ended;
    const lock = lockDataDir(dir, 0);
    lock.release();
  });
});
