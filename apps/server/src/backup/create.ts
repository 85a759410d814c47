import SQLite from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { amiAction, type AmiOptions } from '../asterisk/ami.js';
import { backupHeader, HEADER_ENTRY, MANIFEST_ENTRY, type Manifest, type ManifestFile } from './manifest.js';
import { asteriskPaths, DB_FILE, filesUnder, inBackup, TEMP_PREFIX } from './sources.js';
import { END_OF_ARCHIVE, fileHeader, padding } from './tar.js';

/**
 * gzip level 1: audio (most of a backup's bytes) hardly compresses at any level, and level 1 packs
 * it several times faster than the default 6; the database still shrinks to about a fifth.
 */
const GZIP_LEVEL = 1;

/**
 * Asterisk commits its astdb in a background thread (main/db.c db_sync_thread): after a commit it
 * sleeps one second, and writes made meanwhile wait in an open transaction until the next commit.
 * A snapshot must wait for that commit. Through AMI a marker key is put: it is committed together
 * with or after every write made before it, so once the file shows it, they are all in. Without AMI
 * (the CLI with no Asterisk settings) or when Asterisk does not answer, the wait is a little over
 * the thread's second instead.
 */
const ASTDB_COMMIT_WAIT_MS = 1200;
const MARKER = { family: 'stumpfworks-backup', key: 'marker' };
/** Bound of the marker wait: 100 looks, 100 ms apart. */
const MARKER_LOOKS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function astdbCommitted(file: string, ami: AmiOptions | undefined): Promise<void> {
  const value = randomBytes(8).toString('hex');
  try {
    if (!ami) throw new Error('no AMI settings');
    await amiAction({ ...ami, timeoutMs: 3000 }, { Action: 'DBPut', Family: MARKER.family, Key: MARKER.key, Val: value });
  } catch {
    await sleep(ASTDB_COMMIT_WAIT_MS);
    return;
  }
  const db = new SQLite(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    const read = db.prepare<[string], { value: string }>('SELECT value FROM astdb WHERE key = ?');
    for (let look = 0; look < MARKER_LOOKS; look++) {
      if (read.get(`/${MARKER.family}/${MARKER.key}`)?.value === value) return;
      await sleep(100);
    }
  } finally {
    db.close();
  }
  throw new Error(`Asterisk did not commit its astdb (${file}) within ${(MARKER_LOOKS * 100) / 1000} s`);
}

export interface BackupOptions {
  dataDir: string;
  /** Asterisk's root as the server sees it (`/` in a container); without it, no voicemail, recordings or astdb. */
  asteriskRoot?: string;
  /** Asterisk's AMI, to know when its astdb has committed (see astdbCommitted). */
  ami?: AmiOptions;
  /** Also the call recordings (they can be large). */
  recordings: boolean;
  now?: Date;
}

/** One file of the archive: its name in it and where its bytes are. */
interface Source {
  path: string;
  file: string;
}

/** A consistent copy of a live SQLite database through its online backup API (writers go on meanwhile). */
async function snapshot(file: string, to: string, readonly: boolean): Promise<void> {
  const db = new SQLite(file, { fileMustExist: true, readonly });
  try {
    await db.backup(to);
  } finally {
    db.close();
  }
}

/** Reads exactly `size` bytes of `file`, hashing them; a file that shrank meanwhile fails the backup. */
async function* fileData(source: Source, size: number, hash: ReturnType<typeof createHash>): AsyncGenerator<Buffer> {
  let read = 0;
  if (size > 0) {
    for await (const chunk of createReadStream(source.file, { start: 0, end: size - 1, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      read += chunk.length;
      yield chunk;
    }
  }
  if (read !== size) throw new Error(`${source.file} changed during the backup (${read} of ${size} bytes read)`);
}

/** The tar stream: header entry, every source, the manifest with each file's SHA-256 last. */
async function* tarStream(sources: Source[], asterisk: boolean, recordings: boolean, now: Date, files: ManifestFile[], done: (m: Manifest) => void): AsyncGenerator<Buffer> {
  const header = backupHeader(asterisk, recordings, now);
  const seconds = now.getTime() / 1000;
  const headerBytes = Buffer.from(`${JSON.stringify(header, null, 2)}\n`);
  yield fileHeader(HEADER_ENTRY, headerBytes.length, seconds);
  yield headerBytes;
  yield padding(headerBytes.length);
  for (const source of sources) {
    const stat = statSync(source.file);
    const hash = createHash('sha256');
    yield fileHeader(source.path, stat.size, stat.mtimeMs / 1000, stat.mode);
    yield* fileData(source, stat.size, hash);
    yield padding(stat.size);
    files.push({ path: source.path, size: stat.size, sha256: hash.digest('hex') });
  }
  const manifest: Manifest = { ...header, files };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  yield fileHeader(MANIFEST_ENTRY, manifestBytes.length, seconds);
  yield manifestBytes;
  yield padding(manifestBytes.length);
  yield END_OF_ARCHIVE;
  done(manifest);
}

/**
 * Writes a backup archive (tar.gz) to `target`: the database through SQLite's online backup API
 * (the server keeps running and writing), every other file of DATA_DIR (prompts, the admin token,
 * certificates), and from Asterisk's root the voicemail, optionally the recordings, and the astdb
 * (also through the backup API). Written to a temp name beside `target` and renamed at the end, so
 * `target` is either a whole archive or absent.
 */
export async function createBackup(target: string, options: BackupOptions): Promise<Manifest> {
  const work = join(options.dataDir, `${TEMP_PREFIX}backup-${randomBytes(6).toString('hex')}`);
  mkdirSync(work, { recursive: true, mode: 0o700 });
  const partial = join(dirname(target), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}.partial`);
  try {
    await snapshot(join(options.dataDir, DB_FILE), join(work, DB_FILE), false);
    const sources: Source[] = [{ path: `data/${DB_FILE}`, file: join(work, DB_FILE) }];
    for (const path of filesUnder(options.dataDir, inBackup)) {
      sources.push({ path: `data/${path}`, file: join(options.dataDir, path) });
    }
    if (options.asteriskRoot) {
      const at = asteriskPaths(options.asteriskRoot);
      if (existsSync(at.astdb)) {
        await astdbCommitted(at.astdb, options.ami);
        await snapshot(at.astdb, join(work, 'astdb.sqlite3'), true);
        sources.push({ path: 'asterisk/astdb.sqlite3', file: join(work, 'astdb.sqlite3') });
      }
      for (const path of filesUnder(at.voicemail)) sources.push({ path: `asterisk/voicemail/${path}`, file: join(at.voicemail, path) });
      if (options.recordings) {
        for (const path of filesUnder(at.recordings)) sources.push({ path: `asterisk/recordings/${path}`, file: join(at.recordings, path) });
      }
    }
    let manifest: Manifest | undefined;
    const files: ManifestFile[] = [];
    await pipeline(
      Readable.from(tarStream(sources, options.asteriskRoot !== undefined, options.recordings && options.asteriskRoot !== undefined, options.now ?? new Date(), files, (m) => (manifest = m))),
      createGzip({ level: GZIP_LEVEL }),
      createWriteStream(partial, { mode: 0o600 }),
    );
    renameSync(partial, target);
    return manifest!;
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(partial, { force: true });
  }
}
