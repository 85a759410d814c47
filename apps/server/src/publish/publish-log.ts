import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, PublishRow } from '../db/tables.js';
import { finishPublish, recordPublish } from './publishes.repository.js';

/** What an attempt that writes files changes: the record's flow versions, files and diff (JSON). */
export interface LoggedChange {
  flowVersions: Record<string, number>;
  changed: string[];
  diff: string;
}

/**
 * The record of one publish attempt in `publishes`. An attempt that changes nothing is recorded
 * once at its end (`rejected`, `unchanged`). One that writes files is recorded as `pending` while
 * Asterisk reloads (a server that stops then leaves it so) and gets its outcome afterwards
 * (`applied`, `rolled-back`).
 */
export class PublishLog {
  readonly id = randomUUID();
  private readonly startedAt = new Date().toISOString();
  /** The pending record's write, settled to its error or undefined; absent until it starts. */
  private pendingWrite: Promise<unknown> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly actor: string,
  ) {}

  /** An attempt refused before any file was written; `reason` in English. */
  rejected(reason: string, flowVersions: Record<string, number> = {}): Promise<void> {
    return this.record({ flowVersions, changed: [], diff: '{}' }, 'rejected', reason);
  }

  /** An attempt that found every file as Asterisk runs it. */
  unchanged(flowVersions: Record<string, number>): Promise<void> {
    return this.record({ flowVersions, changed: [], diff: '{}' }, 'unchanged', null);
  }

  /** Starts writing the `pending` record; not waited for (it is written while Asterisk reloads). */
  pending(change: LoggedChange): void {
    this.pendingWrite = this.record(change, 'pending', null).then(
      () => undefined,
      (error: unknown) => error,
    );
  }

  /** Sets the outcome; writes the whole record when the pending one was not written. */
  async finished(change: LoggedChange, outcome: 'applied' | 'rolled-back', reason: string | null): Promise<void> {
    const failed = this.pendingWrite ? await this.pendingWrite : true;
    if (failed) await this.record(change, outcome, reason);
    else await finishPublish(this.db, this.id, { outcome, reason, finished_at: new Date().toISOString() });
  }

  private async record(change: LoggedChange, outcome: PublishRow['outcome'], reason: string | null): Promise<void> {
    await recordPublish(this.db, {
      id: this.id,
      actor: this.actor,
      started_at: this.startedAt,
      finished_at: new Date().toISOString(),
      flow_versions: JSON.stringify(change.flowVersions),
      changed_files: JSON.stringify(change.changed),
      outcome,
      reason,
      diff: change.diff,
    });
  }
}
