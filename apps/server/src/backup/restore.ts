import SQLite from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { migrateToLatest, openDatabase } from '../db/database.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupHeaderSchema,
  HEADER_ENTRY,
  isArchivePath,
  MANIFEST_ENTRY,
  ManifestSchema,
  MIGRATION_NAMES,
  SCHEMA_VERSION,
  type BackupHeader,
  type Manifest,
} from './manifest.js';
import { BackupRefused } from './refusal.js';
import { DB_FILE, PENDING_DIR, TEMP_PREFIX } from './sources.js';
import { readTar, TarFormatError, type EntrySink } from './tar.js';

/** The most the two JSON entries may hold (a manifest of 100,000 files is about 15 MB). */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

const refuse = {
  foreign: (why: string) =>
    new BackupRefused('foreign', { de: `Das ist keine Sicherung von StumpfWorks VoIP (${why})`, en: `this is not a StumpfWorks VoIP backup (${why})` }),
  corrupt: (why: string) =>
    new BackupRefused('corrupt', { de: `Die Sicherung ist beschädigt (${why}); es wurde nichts geändert`, en: `the backup is damaged (${why}); nothing was changed` }),
  truncated: () =>
    new BackupRefused('truncated', { de: 'Die Sicherung ist unvollständig (abgeschnitten); es wurde nichts geändert', en: 'the backup is incomplete (truncated); nothing was changed' }),
  newer: (version: string) =>
    new BackupRefused('newer-schema', {
      de: `Die Sicherung stammt von einer neueren Version (Datenbankschema ${version}, dieser Server kennt bis ${SCHEMA_VERSION}); bitte erst den Server aktualisieren`,
      en: `the backup comes from a newer version (database schema ${version}; this server knows up to ${SCHEMA_VERSION}); update the server first`,
    }),
};

/** What zlib's and the tar reader's failures mean for the person restoring. */
function refusalOf(error: unknown, seenHeader: boolean): BackupRefused {
  if (error instanceof BackupRefused) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(message)) return refuse.truncated();
  if (error instanceof TarFormatError) {
    if (/truncated/.test(message)) return refuse.truncated();
    return seenHeader ? refuse.corrupt(message) : refuse.foreign(message);
  }
  if (code === 'Z_DATA_ERROR') return seenHeader ? refuse.corrupt(`gzip: ${message}`) : refuse.foreign(`not a gzip file: ${message}`);
  if (error instanceof SyntaxError) return refuse.corrupt(message);
  throw error;
}

function parseJson(bytes: Buffer, what: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw refuse.corrupt(`${what}: ${(error as Error).message}`);
  }
}

/** Checks the first entry: ours, a format we read, a schema we know or an older one. */
function checkHeader(value: unknown): BackupHeader {
  const header = BackupHeaderSchema.safeParse(value);
  if (!header.success) {
    const format = (value as { format?: unknown } | null)?.format;
    throw format === BACKUP_FORMAT ? refuse.corrupt(`${HEADER_ENTRY}: ${header.error.issues[0]?.message}`) : refuse.foreign(`${HEADER_ENTRY} names another format`);
  }
  if (header.data.formatVersion > BACKUP_FORMAT_VERSION) throw refuse.newer(`format ${header.data.formatVersion}`);
  if (!MIGRATION_NAMES.includes(header.data.schemaVersion)) {
    // Migration names begin with their date: a later name is a schema this server does not have yet.
    if (header.data.schemaVersion > SCHEMA_VERSION) throw refuse.newer(header.data.schemaVersion);
    throw refuse.foreign(`unknown schema version ${header.data.schemaVersion}`);
  }
  return header.data;
}

/** Collects a small entry in memory. */
function jsonSink(path: string, done: (bytes: Buffer) => void): EntrySink {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    write(chunk) {
      size += chunk.length;
      if (size > MAX_JSON_BYTES) throw refuse.corrupt(`${path} is too large`);
      chunks.push(chunk);
    },
    end: () => done(Buffer.concat(chunks)),
  };
}

/** Unpacks the archive into `dir`, hashing every file; returns the header, the manifest and what was found. */
async function unpack(archive: string, dir: string): Promise<{ manifest: Manifest; found: Map<string, { size: number; sha256: string }> }> {
  let header: BackupHeader | undefined;
  let manifest: unknown;
  const found = new Map<string, { size: number; sha256: string }>();
  let current: FileHandle | undefined; // the file being written, closed when the archive fails in it
  try {
    const gunzip = createReadStream(archive).pipe(createGunzip());
    await readTar(gunzip as AsyncIterable<Buffer>, async (entry) => {
      if (!header) {
        if (entry.path !== HEADER_ENTRY) throw refuse.foreign(`it does not begin with ${HEADER_ENTRY}`);
        return jsonSink(entry.path, (bytes) => (header = checkHeader(parseJson(bytes, HEADER_ENTRY))));
      }
      if (manifest !== undefined) throw refuse.corrupt(`${entry.path} follows the manifest`);
      if (entry.path === MANIFEST_ENTRY) return jsonSink(entry.path, (bytes) => (manifest = parseJson(bytes, MANIFEST_ENTRY)));
      if (!isArchivePath(entry.path) || entry.path === HEADER_ENTRY) throw refuse.corrupt(`unexpected entry ${JSON.stringify(entry.path)}`);
      if (found.has(entry.path)) throw refuse.corrupt(`${entry.path} is in it twice`);
      const file = join(dir, entry.path);
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      const handle = await open(file, 'wx', 0o600);
      current = handle;
      const hash = createHash('sha256');
      return {
        async write(chunk) {
          hash.update(chunk);
          await handle.write(chunk);
        },
        async end() {
          current = undefined;
          await handle.close();
          found.set(entry.path, { size: entry.size, sha256: hash.digest('hex') });
        },
      };
    });
  } catch (error) {
    await current?.close();
    throw refusalOf(error, header !== undefined);
  }
  if (!header) throw refuse.foreign('it is empty');
  if (manifest === undefined) throw refuse.truncated();
  const parsed = ManifestSchema.safeParse(manifest);
  if (!parsed.success) throw refuse.corrupt(`${MANIFEST_ENTRY}: ${parsed.error.issues[0]?.message}`);
  const { files, ...rest } = parsed.data;
  if (JSON.stringify(rest) !== JSON.stringify(header)) throw refuse.corrupt(`${MANIFEST_ENTRY} does not match ${HEADER_ENTRY}`);
  return { manifest: parsed.data, found };
}

/** Every file the manifest lists is there with its size and SHA-256, and nothing else. */
function verify(manifest: Manifest, found: Map<string, { size: number; sha256: string }>): void {
  for (const file of manifest.files) {
    const got = found.get(file.path);
    if (!got) throw refuse.corrupt(`${file.path} is missing`);
    if (got.size !== file.size || got.sha256 !== file.sha256) throw refuse.corrupt(`${file.path} does not match its checksum`);
  }
  if (found.size !== manifest.files.length) {
    const extra = [...found.keys()].find((path) => !manifest.files.some((f) => f.path === path));
    throw refuse.corrupt(`${extra} is not in the manifest`);
  }
  if (!found.has(`data/${DB_FILE}`)) throw refuse.corrupt(`it holds no database (data/${DB_FILE})`);
}

/** The database is whole, at the schema the manifest says, and migrated to this server's. */
async function checkAndMigrate(dataDir: string, manifest: Manifest): Promise<string[]> {
  const raw = new SQLite(join(dataDir, DB_FILE), { fileMustExist: true });
  try {
    const check = raw.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw refuse.corrupt(`database: ${String(check)}`);
    const latest = raw.prepare('SELECT max(name) AS name FROM kysely_migration').get() as { name: string | null };
    if (latest.name !== manifest.schemaVersion) throw refuse.corrupt(`the database is at schema ${latest.name}, the manifest says ${manifest.schemaVersion}`);
  } catch (error) {
    if (error instanceof BackupRefused) throw error;
    throw refuse.corrupt(`database: ${(error as Error).message}`);
  } finally {
    raw.close();
  }
  const db = openDatabase(dataDir);
  try {
    return await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}

export interface StagedRestore {
  manifest: Manifest;
  /** Migrations run on the restored database (an archive of an older schema). */
  migrated: string[];
}

/**
 * Unpacks `archive` into a work dir inside DATA_DIR, verifies it (ours, not newer, every checksum,
 * the database whole) and migrates its database, then keeps it as `restore-pending` for
 * `applyPendingRestore` (the next start). A refused archive (BackupRefused, with the reason in both
 * languages) leaves DATA_DIR as it was: the work dir is removed, a restore staged before stays.
 */
export async function stageRestore(archive: string, dataDir: string): Promise<StagedRestore> {
  if (!existsSync(archive)) throw new BackupRefused('not-found', { de: `Die Datei ${archive} gibt es nicht`, en: `no such file: ${archive}` });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const work = join(dataDir, `${TEMP_PREFIX}restore-${randomBytes(6).toString('hex')}`);
  mkdirSync(work, { mode: 0o700 });
  try {
    const { manifest, found } = await unpack(archive, work);
    verify(manifest, found);
    const migrated = await checkAndMigrate(join(work, 'data'), manifest);
    writeFileSync(join(work, MANIFEST_ENTRY), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    const pending = join(dataDir, PENDING_DIR);
    rmSync(pending, { recursive: true, force: true });
    renameSync(work, pending);
    return { manifest, migrated };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
