import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Flow } from '@stumpfworks/flow';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { migrations } from '../db/migrations/index.js';
import type { Database } from '../db/tables.js';
import { appendVersion, createDraft, getFlow, replaceDraft, saveDraft, unrelease } from './flows.repository.js';

const flow = (name: string) => ({ schemaVersion: 1, id: 'hotline', name, nodes: [], edges: [] }) as unknown as Flow;

/** The draft's revision in real SQLite: what counts as a change of the draft, and what does not. */
describe('flow revisions', () => {
  let dir: string;
  let db: Kysely<Database>;
  const revision = async () => (await getFlow(db, 'hotline'))!.revision;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swf-revision-'));
    db = openDatabase(dir);
    await migrateToLatest(db, migrations);
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts every change of the draft, and not a write of the same text', async () => {
    expect(await createDraft(db, flow('A'))).toBe(true);
    expect(await createDraft(db, flow('B'))).toBe(false);
    expect(await revision()).toBe(1);
    await saveDraft(db, flow('A'));
    expect(await revision()).toBe(1);
    await saveDraft(db, flow('B'));
    expect(await revision()).toBe(2);
    // Freezing the draft as it is (a publish) writes the same text.
    const row = (await getFlow(db, 'hotline'))!;
    await appendVersion(db, 'hotline', row.draft, 'admin', null);
    expect(await revision()).toBe(2);
  });

  it('replaces the draft only while it is at the revision given', async () => {
    await createDraft(db, flow('A'));
    expect(await replaceDraft(db, flow('B'), 2)).toBe(false);
    expect((await getFlow(db, 'hotline'))!.name).toBe('A');
    expect(await replaceDraft(db, flow('B'), 1)).toBe(true);
    expect(await revision()).toBe(2);
  });

  it('puts the revision back with the draft when a refused publish is taken back', async () => {
    await createDraft(db, flow('A'));
    await saveDraft(db, flow('B'));
    const before = (await getFlow(db, 'hotline'))!;
    // A rollback to another document: the draft changes, then the publish is refused.
    const version = await appendVersion(db, 'hotline', JSON.stringify(flow('Old')), 'admin', null);
    expect(await revision()).toBe(3);
    await unrelease(db, 'hotline', version, { publishedVersion: before.published_version, draft: before.draft, revision: before.revision });
    expect(await getFlow(db, 'hotline')).toMatchObject({ name: 'B', draft: before.draft, revision: 2, published_version: null });
  });
});
