import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Kysely, KyselyPlugin } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../db/database.js';
import type { Database } from '../db/tables.js';
import { insertResource, updateResource } from '../resources/resources.repository.js';
import { appendVersion } from '../flows/flows.repository.js';
import { buildConfigSet, loadBuildInputs, type ParsedVersions } from './config-set.js';
import { PreparedBuilds } from './prepared-build.js';
import { finishPublish, recordPublish } from './publishes.repository.js';

const anna = {
  id: '1000', name: 'Anna', callerId: '"Anna" <1000>', secret: 'Qw8-Er5t-Zu2i-Op6a', codecs: ['ulaw'], context: 'stumpfworks-internal', voicemail: { enabled: false }, webrtc: false,
};

describe('PreparedBuilds', () => {
  let dir: string;
  let db: Kysely<Database>;
  let builds: PreparedBuilds;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swf-prep-'));
    db = openDatabase(dir);
    await migrateToLatest(db);
    await insertResource(db, 'extension', '1000', anna);
  });
  afterEach(async () => {
    await builds.stop();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives what buildConfigSet gives, prepared or not', async () => {
    builds = new PreparedBuilds(db);
    builds.prepare();
    expect(await builds.current()).toEqual(await buildConfigSet(db));
  });

  it('reads a published version\'s document only while it does not hold that version parsed', async () => {
    const flow = (name: string) =>
      JSON.stringify({ schemaVersion: 1, id: 'kurz', name, nodes: [{ id: 'start', type: 'Start', params: { number: '700' } }, { id: 'bye', type: 'Hangup', params: {} }], edges: [{ from: 'start', output: 'next', to: 'bye' }] });
    await appendVersion(db, 'kurz', flow('Kurz'), 'test', null);
    builds = new PreparedBuilds(db);
    const first = await builds.current();
    expect(first.ok && first.set.files['extensions.conf']).toContain('"Kurz"');
    const parsed: ParsedVersions = new Map();
    expect((await loadBuildInputs(db, parsed)).published).toEqual([{ id: 'kurz', version: 1, document: flow('Kurz') }]);
    parsed.set('kurz@1', { ok: true, flow: JSON.parse(flow('Kurz')) });
    expect((await loadBuildInputs(db, parsed)).published).toEqual([{ id: 'kurz', version: 1 }]);
    // A new version is read (and built) although the old one is held.
    await appendVersion(db, 'kurz', flow('Kurz 2'), 'test', null);
    expect((await loadBuildInputs(db, parsed)).published).toEqual([{ id: 'kurz', version: 2, document: flow('Kurz 2') }]);
    const second = await builds.current();
    expect(second.ok && second.set.files['extensions.conf']).toContain('"Kurz 2"');
    expect(second).toEqual(await buildConfigSet(db));
  });

  it('never hands out a build of older inputs: a change after prepare() is in current()', async () => {
    builds = new PreparedBuilds(db);
    builds.prepare();
    const before = await builds.current();
    await updateResource(db, 'extension', '1000', { ...anna, name: 'Anna B', callerId: '"Anna B" <1000>' });
    const after = await builds.current(); // no prepare() for this change
    expect(before.ok && before.set.files['pjsip.conf']).toContain('"Anna" <1000>');
    expect(after.ok && after.set.files['pjsip.conf']).toContain('"Anna B" <1000>');
    expect(await builds.current()).toBe(after); // unchanged inputs: the same build, not a new one
  });

  /** `db`, counting the queries that read the resources (the build's inputs). */
  function countingReads(): { db: Kysely<Database>; reads: () => number } {
    let reads = 0;
    const plugin: KyselyPlugin = {
      transformQuery: ({ node }) => {
        if (node.kind === 'SelectQueryNode' && JSON.stringify(node.from).includes('"resources"')) reads++;
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    return { db: db.withPlugin(plugin), reads: () => reads };
  }

  it('does not read the inputs again while nothing was written, and sees a write of another process', async () => {
    const counting = countingReads();
    builds = new PreparedBuilds(counting.db);
    const first = await builds.current();
    const reads = counting.reads();
    expect(await builds.current()).toBe(first);
    expect(counting.reads()).toBe(reads); // only the change stamp was read
    // Another connection (another process, e.g. a restore) commits: its change is seen.
    const other = new SQLite(join(dir, 'stumpfworks.db'));
    other.prepare("UPDATE resources SET body = json_set(body, '$.name', 'Anna C') WHERE kind = 'extension' AND id = '1000'").run();
    other.close();
    const after = await builds.current();
    expect(counting.reads()).toBe(reads + 1);
    expect(after.ok && after.set.files['pjsip.conf']).toContain('Anna C');
  });

  it('keeps the build current across writes no build reads (publish records, node visits), but not across a change of its inputs', async () => {
    const counting = countingReads();
    builds = new PreparedBuilds(counting.db);
    const first = await builds.current();
    const reads = counting.reads();
    const record = { actor: 'admin', started_at: 'now', finished_at: 'now', flow_versions: '{}', changed_files: '[]', outcome: 'pending' as const, reason: null, diff: '{}' };
    await recordPublish(db, { id: 'p1', ...record });
    await finishPublish(db, 'p1', { outcome: 'applied', reason: null, finished_at: 'later' });
    await db.insertInto('node_visits').values({ flow_id: 'kurz', flow_version: 1, node_id: 'start', call_id: 'c1', time: 'now', digits: null, engine: 'ari' }).execute();
    expect(await builds.current()).toBe(first);
    expect(counting.reads()).toBe(reads);
    // An input written before a record: the record does not hide it.
    await updateResource(db, 'extension', '1000', { ...anna, name: 'Anna D', callerId: '"Anna D" <1000>' });
    await recordPublish(db, { id: 'p2', ...record });
    const after = await builds.current();
    expect(after.ok && after.set.files['pjsip.conf']).toContain('"Anna D" <1000>');
    expect(counting.reads()).toBe(reads + 1);
  });

  it('reads the inputs again after a write that left them as they were, and keeps the same build', async () => {
    const counting = countingReads();
    builds = new PreparedBuilds(counting.db);
    const first = await builds.current();
    const reads = counting.reads();
    await updateResource(db, 'extension', '1000', anna); // the same body: the revision moves, the fingerprint does not
    expect(await builds.current()).toBe(first);
    expect(counting.reads()).toBe(reads + 1);
    expect(await builds.current()).toBe(first);
    expect(counting.reads()).toBe(reads + 1);
  });
});
