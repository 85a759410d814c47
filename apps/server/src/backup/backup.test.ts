import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertToken, newToken } from '../auth/tokens.repository.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { migrations } from '../db/migrations/index.js';
import { startTestServer, storedResource, type TestServer } from '../testing.js';
import { backupHeader, HEADER_ENTRY, MANIFEST_ENTRY, MIGRATION_NAMES, SCHEMA_VERSION, type Manifest } from './manifest.js';
import { END_OF_ARCHIVE, fileHeader, padding, readTar } from './tar.js';

/** The entries of a tar.gz, by name. */
async function entriesOf(archive: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  async function* once() {
    yield gunzipSync(archive);
  }
  await readTar(once(), (entry) => {
    const chunks: Buffer[] = [];
    return { write: (c) => void chunks.push(Buffer.from(c)), end: () => void out.set(entry.path, Buffer.concat(chunks)) };
  });
  return out;
}

/** A tar.gz of `entries` in this order (the tests' own archives: older, newer, tampered). */
function archiveOf(entries: Array<[string, Buffer]>): Buffer {
  const parts: Buffer[] = [];
  for (const [path, data] of entries) parts.push(fileHeader(path, data.length, 0), data, padding(data.length));
  parts.push(END_OF_ARCHIVE);
  return gzipSync(Buffer.concat(parts));
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A whole archive of our own making around `files`, with its manifest; `header` overrides fields. */
function ourArchive(files: Array<[string, Buffer]>, header: Partial<Manifest> = {}): Buffer {
  const head = { ...backupHeader(false, false), ...header };
  const manifest = { ...head, files: files.map(([path, data]) => ({ path, size: data.length, sha256: sha256(data) })) };
  return archiveOf([[HEADER_ENTRY, json(head)], ...files, [MANIFEST_ENTRY, json(manifest)]]);
}

/** A database file migrated up to `last` (an older server's), with one extension in it. */
async function databaseAt(last: string): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'swf-old-db-'));
  const db = openDatabase(dir);
  try {
    const upTo = Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= last));
    await migrateToLatest(db, upTo);
    const now = new Date().toISOString();
    const body = JSON.stringify({ id: '2000', name: 'Old', secret: 'Xy9-old-secret-kept-0123' });
    await db.insertInto('resources').values({ kind: 'extension', id: '2000', body, created_at: now, updated_at: now }).execute();
  } finally {
    await db.destroy();
  }
  const bytes = readFileSync(join(dir, 'stumpfworks.db'));
  rmSync(dir, { recursive: true, force: true });
  return bytes;
}

const upload = (t: TestServer, body: Buffer, language = 'en') =>
  t.api('/backups/restore', { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': 'application/gzip', 'accept-language': language } });

/** What DATA_DIR holds, to show a refused restore changed nothing. */
const listing = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

describe('backup and restore (real servers, real SQLite)', () => {
  let source: TestServer;
  let target: TestServer;
  let archive: Buffer;
  beforeAll(async () => {
    source = await startTestServer();
    target = await startTestServer();
  });
  afterAll(async () => {
    await source?.stop();
    await target?.stop();
  });

  it('makes one archive: header first, the database, DATA_DIR files, the manifest with checksums last', async () => {
    await source.ok('/extensions', { method: 'POST', json: { id: '1000', name: 'Anna' } }, 201);
    const response = await source.api('/backups', { method: 'POST' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/gzip');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="stumpfworks-backup-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.tar\.gz"$/);
    archive = Buffer.from(await response.arrayBuffer());
    const entries = await entriesOf(archive);
    const names = [...entries.keys()];
    expect(names[0]).toBe(HEADER_ENTRY);
    expect(names.at(-1)).toBe(MANIFEST_ENTRY);
    expect(names).toEqual(expect.arrayContaining(['data/stumpfworks.db', 'data/admin-token', 'data/tls/certificate.pem', 'data/tls/key.pem']));
    const manifest = JSON.parse(entries.get(MANIFEST_ENTRY)!.toString()) as Manifest;
    expect(manifest).toMatchObject({ format: 'stumpfworks-voip-backup', schemaVersion: SCHEMA_VERSION, appVersion: '0.1.0', asterisk: false, recordings: false });
    for (const file of manifest.files) expect(sha256(entries.get(file.path)!)).toBe(file.sha256);
    expect(manifest.files.map((f) => f.path).sort()).toEqual(names.slice(1, -1).sort());
    expect(readdirSync(source.dataDir).filter((n) => n.startsWith('.swf-tmp-'))).toEqual([]);
  });

  it('restores into another server: verified, staged, in place after the restart (secrets and the token file too)', async () => {
    const response = await upload(target, archive);
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ schemaVersion: SCHEMA_VERSION, migrated: [], restartRequired: true });
    expect(storedResource(target, 'extension', '1000')).toBeUndefined(); // nothing changes before the restart
    await target.restart();
    expect(storedResource<{ secret: string }>(target, 'extension', '1000')?.secret).toBe(storedResource<{ secret: string }>(source, 'extension', '1000')?.secret);
    // The HTTPS certificate the source generated (tls/): the same files, and served by the target.
    for (const file of ['certificate.pem', 'key.pem']) expect(readFileSync(join(target.dataDir, 'tls', file), 'utf8')).toBe(readFileSync(join(source.dataDir, 'tls', file), 'utf8'));
    expect(target.server.https?.info.fingerprint256).toBe(source.server.https?.info.fingerprint256);
    expect(existsSync(join(target.dataDir, 'restore-pending'))).toBe(false);
    // The restored database holds the source's admin token, and the file says so.
    target.token = source.token;
    expect(readFileSync(join(target.dataDir, 'admin-token'), 'utf8').trim()).toBe(source.token);
    expect(((await target.ok('/extensions')) as unknown[]).length).toBe(1);
  });

  const db = () => readFileSync(join(source.dataDir, 'stumpfworks.db'));
  const refusals: Array<[string, () => Promise<Buffer> | Buffer, string, RegExp]> = [
    ['a corrupt archive (its gzip checksum does not match)', () => {
      const bad = Buffer.from(archive);
      bad[bad.length - 8]! ^= 0xff; // the gzip trailer's CRC-32 of the unpacked bytes
      return bad;
    }, 'corrupt', /beschädigt/],
    ['a truncated archive', () => archive.subarray(0, Math.floor(archive.length * 0.7)), 'truncated', /unvollständig/],
    ['a file that is no archive', () => Buffer.from('PK\u0003\u0004 this is a zip file, not ours'), 'foreign', /keine Sicherung von StumpfWorks/],
    ['a tar.gz of something else', () => archiveOf([['etc/passwd', Buffer.from('root:x:0:0\n')]]), 'foreign', /keine Sicherung von StumpfWorks/],
    ['an archive of a newer version', () => ourArchive([['data/stumpfworks.db', db()]], { schemaVersion: '2099-01-01-0001-future' }), 'newer-schema', /neueren Version.*2099-01-01-0001-future/],
    ['a file that does not match its checksum', () => {
      const head = backupHeader(false, false);
      const data = db();
      const manifest = { ...head, files: [{ path: 'data/stumpfworks.db', size: data.length, sha256: '0'.repeat(64) }] };
      return archiveOf([[HEADER_ENTRY, json(head)], ['data/stumpfworks.db', data], [MANIFEST_ENTRY, json(manifest)]]);
    }, 'corrupt', /Prüfsumme|beschädigt/],
    ['a name that leaves the directory', () => ourArchive([['data/stumpfworks.db', db()], ['data/../../evil', Buffer.from('x')]]), 'corrupt', /beschädigt/],
    ['a staged restore inside (it would be applied at every start)', () => ourArchive([['data/stumpfworks.db', db()], ['data/restore-pending/manifest.json', json({})]]), 'corrupt', /beschädigt/],
  ];
  it.each(refusals)('refuses %s with a reason in both languages and changes nothing', async (_name, make, reason, german) => {
    const before = listing(target.dataDir);
    const bytes = await make();
    const en = await upload(target, bytes);
    expect(en.status).toBe(422);
    const body = (await en.json()) as { error: { code: string; reason: string; message: string } };
    expect(body.error).toMatchObject({ code: 'backup-refused', reason });
    const de = (await (await upload(target, bytes, 'de')).json()) as { error: { message: string } };
    expect(de.error.message).toMatch(german);
    expect(listing(target.dataDir)).toEqual(before);
    expect(((await target.ok('/extensions')) as unknown[]).length).toBe(1);
  });

  it('migrates an archive of an older schema', async () => {
    const older = MIGRATION_NAMES[MIGRATION_NAMES.length - 3]!;
    const response = await upload(target, ourArchive([['data/stumpfworks.db', await databaseAt(older)]], { schemaVersion: older }));
    expect(response.status).toBe(202);
    expect(((await response.json()) as { migrated: string[] }).migrated).toEqual(MIGRATION_NAMES.slice(-2));
    await target.restart();
    expect(storedResource<{ name: string }>(target, 'extension', '2000')?.name).toBe('Old');
    // That database had no token: the restarted server made a new admin token.
    target.token = readFileSync(join(target.dataDir, 'admin-token'), 'utf8').trim();
    expect(((await target.ok('/extensions')) as unknown[]).length).toBe(1);
  });

  it('is for admins only (the routes declare no role: admin)', async () => {
    const other = newToken();
    await insertToken(source.server.db, 'flows-only', other, { role: 'editor' });
    const headers = { authorization: `Bearer ${other}`, 'accept-language': 'de' };
    const made = await source.api('/backups', { method: 'POST', headers });
    expect(made.status).toBe(403);
    expect(((await made.json()) as { error: { message: string } }).error.message).toBe(
      'Keine Berechtigung: POST /backups braucht die Rolle Admin (angemeldet als flows-only, Rolle Editor)',
    );
    expect((await source.api('/backups/restore', { method: 'POST', headers, body: new Uint8Array(archive) })).status).toBe(403);
  });
});

describe('tar', () => {
  it('keeps long names (ustar prefix) and refuses what it cannot hold', async () => {
    const long = `data/${'p'.repeat(90)}/${'q'.repeat(90)}.wav`;
    const entries = await entriesOf(archiveOf([[long, Buffer.from('abc')]]));
    expect(entries.get(long)?.toString()).toBe('abc');
    expect(() => fileHeader(`data/${'x'.repeat(200)}`, 1, 0)).toThrow(/too long/);
  });
});

describe('scheduled backups (settings section backup)', () => {
  let t: TestServer;
  const folder = mkdtempSync(join(tmpdir(), 'swf-scheduled-'));
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('refuses an enabled schedule without a folder, a relative one, or one it cannot write to, naming the field', async () => {
    const file = join(folder, 'a-file');
    writeFileSync(file, '');
    for (const [body, message] of [
      [{ enabled: true }, /brauchen einen Ordner/],
      [{ enabled: true, folder: 'backups' }, /absoluter Pfad/],
      [{ enabled: true, folder: join(file, 'below-a-file') }, /nicht beschreibbar/],
    ] as const) {
      const response = await t.api('/settings/backup', { method: 'PUT', json: body, headers: { 'accept-language': 'de' } });
      expect(response.status).toBe(422);
      const { error } = (await response.json()) as { error: { issues: Array<{ path: string; message: string }> } };
      expect(error.issues).toEqual([{ path: 'folder', message: expect.stringMatching(message) }]);
    }
    rmSync(file);
  });

  it('makes a backup every intervalHours and keeps the newest `keep`', async () => {
    await t.ok('/settings/backup', { method: 'PUT', json: { enabled: true, folder, intervalHours: 6, keep: 2 } });
    const start = Date.parse('2026-12-07T00:00:00Z');
    const hours = (h: number) => new Date(start + h * 3_600_000);
    expect(await t.server.backups.tick(hours(0))).toBe(join(folder, 'stumpfworks-backup-2026-12-07T00-00-00Z.tar.gz'));
    expect(await t.server.backups.tick(hours(5))).toBeUndefined(); // not due yet
    expect(await t.server.backups.tick(hours(6))).toBeDefined();
    expect(await t.server.backups.tick(hours(12))).toBeDefined();
    expect(readdirSync(folder).sort()).toEqual(['stumpfworks-backup-2026-12-07T06-00-00Z.tar.gz', 'stumpfworks-backup-2026-12-07T12-00-00Z.tar.gz']);
    const entries = await entriesOf(readFileSync(join(folder, 'stumpfworks-backup-2026-12-07T12-00-00Z.tar.gz')));
    expect(entries.has('data/stumpfworks.db')).toBe(true);
    await t.ok('/settings/backup', { method: 'PUT', json: { enabled: false } });
    expect(await t.server.backups.tick(hours(48))).toBeUndefined();
  });
});
