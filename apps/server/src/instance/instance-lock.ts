import SQLite from 'better-sqlite3';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StartRefused } from './start-refused.js';

/** The lock file in DATA_DIR, and the note beside it that names the holder. */
export const LOCK_FILE = 'server.lock';
const HOLDER_FILE = 'server.lock.json';

/** Who holds the lock (informational: the lock itself is the OS's). */
interface Holder {
  pid: number;
  host: string;
  since: string;
}

export interface InstanceLock {
  release(): void;
}

/**
 * One server per DATA_DIR: an exclusive SQLite transaction on `DATA_DIR/server.lock`, held for the
 * server's life. The lock is the OS's file lock (fcntl, through SQLite), so the kernel drops it
 * when the process ends however it ends: no stale lock after a crash, and no PID compared (a
 * container's server is PID 1 after every restart). A second server, in another process or the
 * same one, gets SQLITE_BUSY after `waitMs` and is refused with a message naming the holder.
 */
export function lockDataDir(dataDir: string, waitMs = 1000): InstanceLock {
  const file = join(dataDir, LOCK_FILE);
  const db = new SQLite(file, { timeout: waitMs });
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    throw new StartRefused(refusal(dataDir, holderOf(dataDir)));
  }
  const holder: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  writeFileSync(join(dataDir, HOLDER_FILE), `${JSON.stringify(holder)}\n`);
  return {
    release() {
      rmSync(join(dataDir, HOLDER_FILE), { force: true });
      db.close(); // ends the transaction: the lock is free
    },
  };
}

function holderOf(dataDir: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, HOLDER_FILE), 'utf8')) as Holder;
  } catch (error) {
    // The note is only for the message; without it the refusal names no process.
    if ((error as { code?: string }).code === 'ENOENT' || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function refusal(dataDir: string, holder: Holder | undefined) {
  const who = holder ? ` (PID ${holder.pid} on ${holder.host}, since ${holder.since})` : '';
  const wer = holder ? ` (PID ${holder.pid} auf ${holder.host}, seit ${holder.since})` : '';
  return {
    en: `another StumpfWorks VoIP server is running on DATA_DIR ${dataDir}${who}; stop it first, or give this one its own DATA_DIR (and its own ARI_APP). Not starting.`,
    de: `Auf DATA_DIR ${dataDir} läuft schon ein anderer StumpfWorks-VoIP-Server${wer}; zuerst jenen beenden oder diesem ein eigenes DATA_DIR (und eine eigene ARI_APP) geben. Start abgebrochen.`,
  };
}
