import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Migrator, sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finishPublish, getPublish, listPublishes, recordPublish } from '../publish/publishes.repository.js';
import { migrateToLatest, ObjectMigrationProvider, openDatabase } from './database.js';
import { migrations } from './migrations/index.js';
import type { Database } from './tables.js';

/** The migrations up to (and including) `last`, as an installation that has not updated yet ran them. */
function upTo(last: string) {
  return Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= last));
}

const record = { actor: 'admin', started_at: '2026-11-26T10:00:00.000Z', finished_at: '2026-11-26T10:00:01.000Z', flow_versions: '{"kurz":1}', changed_files: '["extensions.conf"]', reason: null };

describe('migrations', () => {
  let dir: string;
  let db: Kysely<Database>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'swf-migrate-'));
    db = openDatabase(dir);
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('2026-11-26-0003 moves every publish\'s diff into publish_diffs, and back down', async () => {
    await migrateToLatest(db, upTo('2026-11-26-0002-node-visits'));
    const old = db as unknown as Kysely<{ publishes: Record<string, unknown> }>;
    await old.insertInto('publishes').values({ id: 'p1', seq: 1, outcome: 'applied', diff: '{"extensions.conf":"+[swf-kurz]\\n"}', ...record }).execute();
    await old.insertInto('publishes').values({ id: 'p2', seq: 2, outcome: 'unchanged', diff: '{}', ...record }).execute();

    expect(await migrateToLatest(db, upTo('2026-11-26-0003-publish-diffs'))).toEqual(['2026-11-26-0003-publish-diffs']);
    expect((await getPublish(db, 'p1'))?.diff).toBe('{"extensions.conf":"+[swf-kurz]\\n"}');
    expect((await listPublishes(db)).map((p) => [p.id, p.outcome, p.diff])).toEqual([
      ['p2', 'unchanged', '{}'],
      ['p1', 'applied', '{"extensions.conf":"+[swf-kurz]\\n"}'],
    ]);
    const columns = (await db.introspection.getTables()).find((t) => t.name === 'publishes')!.columns.map((c) => c.name);
    expect(columns).not.toContain('diff');

    const migrator = new Migrator({ db, provider: new ObjectMigrationProvider(upTo('2026-11-26-0003-publish-diffs')) });
    expect((await migrator.migrateDown()).error).toBeUndefined();
    expect(await old.selectFrom('publishes').select(['id', 'diff']).orderBy('seq').execute()).toEqual([
      { id: 'p1', diff: '{"extensions.conf":"+[swf-kurz]\\n"}' },
      { id: 'p2', diff: '{}' },
    ]);
  });

  it('setting a pending publish\'s outcome keeps its diff', async () => {
    await migrateToLatest(db);
    await recordPublish(db, { id: 'p1', outcome: 'pending', diff: '{"pjsip.conf":"+[1000]\\n"}', ...record });
    await finishPublish(db, 'p1', { outcome: 'applied', reason: null, finished_at: '2026-11-26T10:00:02.000Z' });
    expect(await getPublish(db, 'p1')).toMatchObject({ seq: 1, outcome: 'applied', finished_at: '2026-11-26T10:00:02.000Z', diff: '{"pjsip.conf":"+[1000]\\n"}' });
  });

  it('2026-12-06-0002 counts the build revision up on every write of resources, flows and flow versions only, and goes down again', async () => {
    await migrateToLatest(db, upTo('2026-12-06-0002-build-revision'));
    const revision = async () => (await db.selectFrom('build_revision').select('revision').execute()).map((r) => r.revision);
    const now = '2026-12-06T10:00:00.000Z';
    expect(await revision()).toEqual([0]);
    await db.insertInto('resources').values({ kind: 'extension', id: '1000', body: '{}', created_at: now, updated_at: now }).execute();
    await db.updateTable('resources').set({ body: '{"name":"Anna"}' }).execute();
    expect(await revision()).toEqual([2]);
    await db.insertInto('flows').values({ id: 'kurz', name: 'Kurz', draft: '{}', published_version: null, created_at: now, updated_at: now }).execute();
    await db.insertInto('flow_versions').values({ flow_id: 'kurz', version: 1, document: '{}', created_at: now, created_by: 'admin', rollback_of: null }).execute();
    await db.updateTable('flows').set({ published_version: 1 }).execute();
    expect(await revision()).toEqual([5]);
    // What no build reads leaves it alone.
    await recordPublish(db, { id: 'p1', outcome: 'applied', diff: '{}', ...record });
    await db.insertInto('node_visits').values({ flow_id: 'kurz', flow_version: 1, node_id: 'start', call_id: 'c1', time: now, digits: null, engine: 'ari' }).execute();
    expect(await revision()).toEqual([5]);
    // A write rolled back leaves it as it was; another connection's commit moves it.
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('resources').execute();
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect(await revision()).toEqual([5]);
    const other = new SQLite(join(dir, 'stumpfworks.db'));
    other.prepare('DELETE FROM flow_versions').run();
    other.prepare('DELETE FROM flows').run();
    other.prepare('DELETE FROM resources').run();
    other.close();
    expect(await revision()).toEqual([8]);

    const migrator = new Migrator({ db, provider: new ObjectMigrationProvider(upTo('2026-12-06-0002-build-revision')) });
    expect((await migrator.migrateDown()).error).toBeUndefined();
    const left = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE name LIKE 'build_revision%'`.execute(db);
    expect(left.rows).toEqual([]);
    await db.insertInto('resources').values({ kind: 'extension', id: '1001', body: '{}', created_at: now, updated_at: now }).execute();
  });
});
