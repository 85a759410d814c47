import { randomBytes } from 'node:crypto';
import { chownSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AmiOptions } from '../asterisk/ami.js';
import type { AsteriskConnection } from '../asterisk/connection.js';
import { restoreAstdb } from './astdb.js';
import { ManifestSchema, MANIFEST_ENTRY, type Manifest } from './manifest.js';
import { asteriskPaths, DB_FILE, isDataEntry, PENDING_DIR, TEMP_PREFIX } from './sources.js';

/** Gives `path` (and all under it) the owner of `like`, so Asterisk (user asterisk) can read and change what a restore put there. */
function chownLike(path: string, like: string): void {
  if (process.getuid?.() !== 0) return;
  const { uid, gid } = statSync(like);
  const walk = (p: string) => {
    chownSync(p, uid, gid);
    if (lstatSync(p).isDirectory()) for (const name of readdirSync(p)) walk(join(p, name));
  };
  walk(path);
}

/**
 * Replaces directory `target` by a copy of `source`: the copy is made beside `target` (same file
 * system, whatever file system `source` is on), then two renames swap them; the old one is removed
 * last. `source` missing means an empty directory.
 */
function replaceDir(target: string, source: string): void {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const incoming = join(parent, `${TEMP_PREFIX}in-${randomBytes(6).toString('hex')}`);
  const outgoing = join(parent, `${TEMP_PREFIX}out-${randomBytes(6).toString('hex')}`);
  if (existsSync(source)) cpSync(source, incoming, { recursive: true, preserveTimestamps: true });
  else mkdirSync(incoming);
  chownLike(incoming, existsSync(target) ? target : parent);
  if (existsSync(target)) renameSync(target, outgoing);
  renameSync(incoming, target);
  rmSync(outgoing, { recursive: true, force: true });
}

/** Where the restored voicemail and astdb go: Asterisk's root, and its AMI (the astdb of a running Asterisk). */
export interface RestoreAsterisk {
  root: string;
  ami?: AmiOptions;
}

/** The manifest of the restore staged in DATA_DIR (waiting for the next start), or undefined. */
export function pendingManifest(dataDir: string): Manifest | undefined {
  const file = join(dataDir, PENDING_DIR, MANIFEST_ENTRY);
  return existsSync(file) ? ManifestSchema.parse(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
}

/**
 * Puts a staged restore (`restore-pending`, made by stageRestore) in place, before anything opens
 * the database (startServer calls it first). DATA_DIR's entries (but the backups folder and work
 * dirs) are moved aside and the restored ones moved in, by renames inside DATA_DIR; a failure moves
 * the old ones back. Then Asterisk's voicemail (and the recordings when the archive has them) are
 * replaced, and the astdb's contents (astdb.ts). Returns the manifest of what was applied, or undefined.
 */
export async function applyPendingRestore(dataDir: string, asterisk: RestoreAsterisk | undefined, log: (line: string) => void): Promise<Manifest | undefined> {
  const pending = join(dataDir, PENDING_DIR);
  const manifest = pendingManifest(dataDir);
  if (!manifest) return undefined;
  const restored = join(pending, 'data');
  // Gone once DATA_DIR holds it: a start that failed after that must not swap DATA_DIR again.
  if (existsSync(restored)) swapDataDir(dataDir, restored);
  if (asterisk && manifest.asterisk) {
    try {
      const at = asteriskPaths(asterisk.root);
      replaceDir(at.voicemail, join(pending, 'asterisk/voicemail'));
      if (manifest.recordings) replaceDir(at.recordings, join(pending, 'asterisk/recordings'));
      const astdb = join(pending, 'asterisk/astdb.sqlite3');
      if (existsSync(astdb)) await restoreAstdb(at.astdb, astdb, asterisk.ami, log);
    } catch (error) {
      // DATA_DIR is restored already; the server starts, and the log says what is missing.
      log(`[backup] restoring Asterisk's voicemail, recordings or astdb failed: ${(error as Error).message}`);
    }
  } else if (manifest.asterisk) {
    log('[backup] the restored archive has Asterisk data (voicemail, astdb), but no Asterisk is configured: it was left out');
  }
  rmSync(pending, { recursive: true, force: true });
  log(`[backup] restored the backup of ${manifest.createdAt} (schema ${manifest.schemaVersion}, ${manifest.files.length} files)`);
  return manifest;
}

/** DATA_DIR's entries renamed aside, the restored ones renamed in (all inside DATA_DIR); a failure renames the old ones back. */
function swapDataDir(dataDir: string, restored: string): void {
  const aside = join(dataDir, `${TEMP_PREFIX}replaced-${randomBytes(6).toString('hex')}`);
  mkdirSync(aside, { mode: 0o700 });
  const movedAside: string[] = [];
  const movedIn: string[] = [];
  try {
    // The database (and its -wal/-shm) and everything a backup takes from DATA_DIR.
    for (const name of readdirSync(dataDir).filter((n) => isDataEntry(n) || n.startsWith(DB_FILE))) {
      renameSync(join(dataDir, name), join(aside, name));
      movedAside.push(name);
    }
    for (const name of readdirSync(restored)) {
      renameSync(join(restored, name), join(dataDir, name));
      movedIn.push(name);
    }
  } catch (error) {
    for (const name of movedIn) renameSync(join(dataDir, name), join(restored, name));
    for (const name of movedAside) renameSync(join(aside, name), join(dataDir, name));
    rmSync(aside, { recursive: true, force: true });
    throw error;
  }
  rmSync(restored, { recursive: true, force: true });
  rmSync(aside, { recursive: true, force: true });
}

/** The restore's view of an Asterisk connection. */
export function restoreTarget(c: AsteriskConnection): RestoreAsterisk {
  return { root: c.asteriskRoot, ami: { host: c.amiHost, port: c.amiPort, user: c.amiUser, secret: c.amiSecret } };
}
