import type { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { readSection, type SettingsSection } from './section.js';

const DAY_MS = 86_400_000;

/** What a retention is given: a settings section with `retentionDays`, and the prune of one kind of data. */
export interface RetentionDeps<S extends z.ZodType<{ retentionDays: number }>> {
  /** The log tag, e.g. `audit` for `[audit] …`. */
  tag: string;
  db: Kysely<Database>;
  section: SettingsSection<S>;
  /** Deletes what is older than `days`; says what it did for the log, or nothing when nothing was due. */
  prune(days: number): Promise<string | undefined>;
  log: (line: string) => void;
  /** Default: a day. */
  everyMs?: number;
}

/**
 * Prunes to the retention of a settings section now and then once a day (the audit log's and the
 * recordings'): the first prune is awaited, so the server listens only after it and the API never
 * shows what is due to go; a setting saved later takes effect at the next prune.
 */
export class Retention<S extends z.ZodType<{ retentionDays: number }>> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly deps: RetentionDeps<S>) {}

  async start(): Promise<void> {
    this.running = this.prune();
    await this.running;
    this.timer = setInterval(() => void (this.running = this.prune()), this.deps.everyMs ?? DAY_MS);
    this.timer.unref();
  }

  /** Stops the timer and waits for a prune under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One prune; a failure is logged (the next day tries again), never thrown into the timer. */
  async prune(): Promise<void> {
    const { tag, db, section, log } = this.deps;
    try {
      const { retentionDays } = await readSection(db, section);
      const done = await this.deps.prune(retentionDays);
      if (done) log(`[${tag}] ${done}`);
    } catch (error) {
      log(`[${tag}] pruning failed: ${(error as Error).message}`);
    }
  }
}
