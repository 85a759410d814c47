import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { readSection } from '../settings/section.js';
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

/** Prunes now and then once a day, as the audit log's retention does. */
export class RecordingRetention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly deps: { db: Kysely<Database>; dir: string; log: (line: string) => void; everyMs?: number }) {}

  async start(): Promise<void> {
    this.running = this.prune();
    await this.running;
    this.timer = setInterval(() => void (this.running = this.prune()), this.deps.everyMs ?? DAY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One prune; a failure is logged (the next day tries again), never thrown into the timer. */
  async prune(): Promise<void> {
    try {
      const { retentionDays } = await readSection(this.deps.db, recordingSection);
      const pruned = await pruneRecordings(this.deps.db, this.deps.dir, retentionDays);
      if (pruned > 0) this.deps.log(`[recordings] deleted ${pruned} recording(s) older than ${retentionDays} days`);
    } catch (error) {
      this.deps.log(`[recordings] pruning failed: ${(error as Error).message}`);
    }
  }
}
