import SQLite from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { amiRunner, type AmiOptions } from '../asterisk/ami.js';

/** `/family/key...` split at its first `/` after the leading one, as AMI's DBPut takes it. */
function familyAndKey(path: string): { family: string; key: string } | undefined {
  const match = /^\/([^/]+)\/(.+)$/.exec(path);
  return match ? { family: match[1]!, key: match[2]! } : undefined;
}

/** The families of the live astdb (AMI `database show`: one `/family/key : value` line each). */
async function liveFamilies(run: ReturnType<typeof amiRunner>): Promise<Set<string>> {
  const packets = await run({ Action: 'Command', Command: 'database show' });
  const output = packets.map((p) => p.Output ?? '').join('\n');
  return new Set([...output.matchAll(/^\/([^/\s]+)\//gm)].map((m) => m[1]!));
}

/**
 * Restores the astdb's contents. A running Asterisk keeps its astdb open inside a transaction it
 * commits only after its own writes, so another writer can wait for ever: its contents go through
 * AMI instead (every family deleted, every key of the backup put). With AMI not answering, Asterisk
 * is taken to be stopped and the file is written directly (SQLite's lock refuses if it is not).
 * Keys whose value AMI cannot carry (a line break) are skipped and counted.
 */
export async function restoreAstdb(target: string, source: string, ami: AmiOptions | undefined, log: (line: string) => void): Promise<void> {
  const db = new SQLite(source, { readonly: true, fileMustExist: true });
  let rows: Array<{ key: string; value: string }>;
  try {
    rows = db.prepare('SELECT key, value FROM astdb').all() as Array<{ key: string; value: string }>;
  } finally {
    db.close();
  }
  if (ami) {
    const run = amiRunner({ ...ami, timeoutMs: 3000 });
    let families: Set<string> | undefined;
    try {
      families = await liveFamilies(run);
    } catch (error) {
      log(`[backup] AMI does not answer (${(error as Error).message}): the astdb file is written directly`);
    }
    if (families) {
      for (const row of rows) {
        const at = familyAndKey(row.key);
        if (at) families.add(at.family);
      }
      for (const family of families) await run({ Action: 'DBDelTree', Family: family });
      let skipped = 0;
      for (const row of rows) {
        const at = familyAndKey(row.key);
        if (!at || /[\r\n]/.test(row.key + row.value)) {
          skipped++;
          continue;
        }
        await run({ Action: 'DBPut', Family: at.family, Key: at.key, Val: row.value });
      }
      log(`[backup] astdb: ${rows.length - skipped} keys put through AMI${skipped ? `, ${skipped} skipped (not sendable over AMI)` : ''}`);
      return;
    }
  }
  if (!existsSync(target)) {
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
    return;
  }
  const live = new SQLite(target, { timeout: 5000 });
  try {
    live.prepare('ATTACH DATABASE ? AS restored').run(source);
    live.transaction(() => {
      live.exec('DELETE FROM main.astdb');
      live.exec('INSERT INTO main.astdb (key, value) SELECT key, value FROM restored.astdb');
    })();
  } finally {
    live.close();
  }
}
