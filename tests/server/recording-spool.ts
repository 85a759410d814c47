import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import type { TestServer } from '../../apps/server/src/testing.js';

/** The file names in Asterisk's monitor/ spool now. */
export function spoolFiles(monitorDir: string): Set<string> {
  return new Set(existsSync(monitorDir) ? readdirSync(monitorDir) : []);
}

/** Waits until the sizes of `files` stop growing (MixMonitor closes a file after the hang-up, in its own thread; bounded: 10 s). */
export async function settledFiles(files: string[]): Promise<string[]> {
  let last = '';
  for (let i = 0; i < 50; i++) {
    const sizes = files.map((f) => spawnSync('stat', ['-c', '%s', f], { encoding: 'utf8' }).stdout.trim()).join(',');
    if (sizes === last && i > 0) break;
    last = sizes;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return files;
}

/** The index rows of a caller's recordings once at least `count` are there (its call's CDR has arrived; bounded: 15 s). */
export async function indexedFor(db: TestServer['server']['db'], caller: string, count = 1) {
  for (let i = 0; i < 75; i++) {
    const rows = await db.selectFrom('recordings').selectAll().where('caller', '=', caller).execute();
    if (rows.length >= count) return rows;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no recording of ${caller} was indexed`);
}
