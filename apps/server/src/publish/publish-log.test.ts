import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely, KyselyPlugin } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../db/database.js';
import type { Database } from '../db/tables.js';
import { PublishLog } from './publish-log.js';
import { listPublishes } from './publishes.repository.js';

const change = { flowVersions: { kurz: 2 }, changed: ['extensions.conf'], diff: '{"extensions.conf":"+[swf-kurz]\\n"}' };

describe('PublishLog', () => {
  let dir: string;
  let db: Kysely<Database>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swf-log-'));
    db = openDatabase(dir);
    await migrateToLatest(db);
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records an attempt that changes nothing once, at its end', async () => {
    await new PublishLog(db, 'admin').rejected('Asterisk (ARI) is not reachable', { kurz: 2 });
    await new PublishLog(db, 'admin').unchanged({ kurz: 2 });
    expect((await listPublishes(db)).map((r) => [r.seq, r.outcome, r.reason, r.flow_versions, r.changed_files, r.diff])).toEqual([
      [2, 'unchanged', null, '{"kurz":2}', '[]', '{}'],
      [1, 'rejected', 'Asterisk (ARI) is not reachable', '{"kurz":2}', '[]', '{}'],
    ]);
  });

  it('records a pending attempt and then sets its outcome, keeping its diff', async () => {
    const log = new PublishLog(db, 'admin');
    log.pending(change);
    await expect.poll(async () => (await listPublishes(db))[0]?.outcome).toBe('pending');
    await log.finished(change, 'rolled-back', 'the check extension is not in the live dialplan');
    expect(await listPublishes(db)).toMatchObject([
      { id: log.id, seq: 1, actor: 'admin', outcome: 'rolled-back', reason: 'the check extension is not in the live dialplan', diff: change.diff },
    ]);
  });

  it('writes the whole record at the end when the pending one could not be written', async () => {
    let refuse = true;
    const failingOnce: KyselyPlugin = {
      transformQuery: ({ node }) => {
        if (refuse && node.kind === 'InsertQueryNode') {
          refuse = false;
          throw new Error('database is locked');
        }
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    const log = new PublishLog(db.withPlugin(failingOnce), 'admin');
    log.pending(change);
    await log.finished(change, 'applied', null);
    expect(await listPublishes(db)).toMatchObject([{ id: log.id, seq: 1, outcome: 'applied', reason: null, changed_files: '["extensions.conf"]', diff: change.diff }]);
  });
});
