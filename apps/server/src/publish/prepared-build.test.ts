import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../db/database.js';
import type { Database } from '../db/tables.js';
import { insertResource, updateResource } from '../resources/resources.repository.js';
import { appendVersion } from '../routes/flows/flows.repository.js';
import { buildConfigSet, loadBuildInputs, type ParsedVersions } from './config-set.js';
import { PreparedBuilds } from './prepared-build.js';

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
});
