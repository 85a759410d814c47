import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { migrations } from '../db/migrations/index.js';
import { DB_FILE, isDataEntry } from './sources.js';

/** What a backup archive says about itself: `stumpfworks-backup.json` first, `manifest.json` (with the checksums) last. */
export const BACKUP_FORMAT = 'stumpfworks-voip-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const HEADER_ENTRY = 'stumpfworks-backup.json';
export const MANIFEST_ENTRY = 'manifest.json';

/** The schema version: the name of the latest migration (they sort by date). */
export const MIGRATION_NAMES = Object.keys(migrations).sort();
export const SCHEMA_VERSION = MIGRATION_NAMES.at(-1)!;

/** The server package's version. */
export const APP_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export const BackupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int(),
  schemaVersion: z.string().min(1),
  appVersion: z.string(),
  createdAt: z.string(),
  /** Whether Asterisk's voicemail and astdb were read (a server without Asterisk has none to give). */
  asterisk: z.boolean(),
  recordings: z.boolean(),
});
export type BackupHeader = z.infer<typeof BackupHeaderSchema>;

export const ManifestFileSchema = z.object({
  path: z.string(),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

export const ManifestSchema = BackupHeaderSchema.extend({ files: z.array(ManifestFileSchema) });
export type Manifest = z.infer<typeof ManifestSchema>;

export function backupHeader(asterisk: boolean, recordings: boolean, now = new Date()): BackupHeader {
  return { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, schemaVersion: SCHEMA_VERSION, appVersion: APP_VERSION, createdAt: now.toISOString(), asterisk, recordings };
}

/**
 * The names an archive may hold: the two JSON entries, the DATA_DIR under `data/`, and Asterisk's
 * voicemail, recordings and astdb under `asterisk/`. Every part is a plain name (no `.`, `..`,
 * empty part, control character or backslash): whatever an archive says, a file lands inside the
 * directory it is unpacked to.
 */
export function isArchivePath(path: string): boolean {
  if (path === HEADER_ENTRY || path === MANIFEST_ENTRY || path === 'asterisk/astdb.sqlite3') return true;
  const parts = path.split('/');
  const top = parts[0] === 'data' ? 1 : parts[0] === 'asterisk' && (parts[1] === 'voicemail' || parts[1] === 'recordings') ? 2 : 0;
  if (top === 0 || parts.length <= top) return false;
  // In DATA_DIR: the database, and what a backup takes (never a staged restore or a work dir).
  if (top === 1 && !(parts[1] === DB_FILE ? parts.length === 2 : isDataEntry(parts[1]!))) return false;
  // eslint-disable-next-line no-control-regex
  return parts.slice(top).every((part) => part !== '' && part !== '.' && part !== '..' && !/[\u0000-\u001f\u007f\\]/.test(part));
}
