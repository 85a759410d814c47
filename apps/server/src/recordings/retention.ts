import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { Retention } from '../settings/retention.js';
import { recordingSection } from './recordings.settings.js';

const DAY_MS = 86_400_000;

/**
 * Deletes recordings older than the retention (settings section `recordings`): the file in
 * monitor/ first, then its row, so a failed delete leaves the row to try again the next day.
 */
export async function pruneRecordings(db: Kysely<Database>, dir: string, retentionDays: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  const due = await db.selectFrom('recordings').select(['id', 'file']).where('started_at', '<', before).execute();
  for (const row of due) {
    await rm(join(dir, row.file), { force: true });
    await db.deleteFrom('recordings').where('id', '=', row.id).execute();
  }
  return due.length;
}

/** Prunes the recordings to their retention (settings section `recordings`) now and then once a day. */
export class RecordingRetention extends Retention<typeof recordingSection.schema> {
  constructor(deps: { db: Kysely<Database>; dir: string; log: (line: string) => void; everyMs?: number }) {
    super({
      ...deps,
      tag: 'recordings',
      section: recordingSection,
      prune: async (days) => {
        const pruned = await pruneRecordings(deps.db, deps.dir, days);
        return pruned > 0 ? `deleted ${pruned} recording(s) older than ${days} days` : undefined;
      },
    });
  }
}
