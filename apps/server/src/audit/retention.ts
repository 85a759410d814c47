import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { readSection } from '../settings/section.js';
import type { AuditLog } from './audit-log.js';
import { auditSection } from './audit.settings.js';

const DAY_MS = 86_400_000;

/** Prunes the audit log to its retention (settings section `audit`) now and then once a day. */
export class AuditRetention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly deps: { db: Kysely<Database>; audit: AuditLog; log: (line: string) => void; everyMs?: number }) {}

  /** Prunes once (the server waits for it before it listens: the API never shows what is due to go) and then daily. */
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
      const { retentionDays } = await readSection(this.deps.db, auditSection);
      const { pruned } = await this.deps.audit.prune(retentionDays);
      if (pruned > 0) this.deps.log(`[audit] pruned ${pruned} rows older than ${retentionDays} days (a checkpoint keeps the chain verifiable)`);
    } catch (error) {
      this.deps.log(`[audit] pruning failed: ${(error as Error).message}`);
    }
  }
}
