import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCK_FILE } from '../instance/instance-lock.js';

/** The database file in DATA_DIR and the files SQLite keeps beside it. */
export const DB_FILE = 'stumpfworks.db';
const DB_FILES = new Set([DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, `${DB_FILE}-journal`]);
/** A verified restore waiting for the next start (restore.ts). */
export const PENDING_DIR = 'restore-pending';
/** The default folder of scheduled backups. */
export const DEFAULT_BACKUP_FOLDER = 'backups';
/** Work directories of a backup or restore in progress (removed when it ends). */
export const TEMP_PREFIX = '.swf-tmp-';

/** A backup archive's name (a scheduled folder inside DATA_DIR must not end up in the next backup). */
const ARCHIVE_NAME = /^stumpfworks-backup-.*\.tar\.gz$/;

/** What a backup holds besides the database: kept out of it are the database files, the backups, the work dirs and the running server's lock (instance-lock.ts). */
export function isDataEntry(name: string): boolean {
  return !DB_FILES.has(name) && !name.startsWith(LOCK_FILE) && name !== PENDING_DIR && name !== DEFAULT_BACKUP_FOLDER && !name.startsWith(TEMP_PREFIX) && !ARCHIVE_NAME.test(name);
}

/** Whether a backup takes the file or directory `name` found `depth` levels below DATA_DIR. */
export function inBackup(name: string, depth: number): boolean {
  return depth === 0 ? isDataEntry(name) : !name.startsWith(TEMP_PREFIX) && !ARCHIVE_NAME.test(name);
}

/** Where Asterisk keeps what a backup takes from it, inside its root (`/` in a container). */
export interface AsteriskPaths {
  voicemail: string;
  recordings: string;
  astdb: string;
}

/** The astdb's directory: asterisk.conf's `astdbdir` (render-conf.sh writes it), else Debian's default. */
function astdbDir(root: string): string {
  const conf = join(root, 'etc/asterisk/asterisk.conf');
  if (existsSync(conf)) {
    const match = /^\s*astdbdir\s*=>?\s*(\S+)/m.exec(readFileSync(conf, 'utf8'));
    if (match) return match[1]!;
  }
  return '/var/lib/asterisk';
}

export function asteriskPaths(root: string): AsteriskPaths {
  return {
    voicemail: join(root, 'var/spool/asterisk/voicemail'),
    // MixMonitor's relative file names (the Record node) and ConfBridge's recordings land here.
    recordings: join(root, 'var/spool/asterisk/monitor'),
    astdb: join(root, astdbDir(root), 'astdb.sqlite3'),
  };
}

/** Every regular file under `dir` (symbolic links and other kinds are skipped), as paths relative to it, sorted. */
export function filesUnder(dir: string, keep: (name: string, depth: number) => boolean = () => true): string[] {
  const out: string[] = [];
  const walk = (rel: string, depth: number) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      if (!keep(name, depth)) continue;
      const path = rel ? `${rel}/${name}` : name;
      const stat = lstatSync(join(dir, path));
      if (stat.isDirectory()) walk(path, depth + 1);
      else if (stat.isFile()) out.push(path);
    }
  };
  if (existsSync(dir)) walk('', 0);
  return out;
}
