import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { alertKey, type AlertKind, type Condition } from './conditions.js';
import { insertAlert, lastMailedOpening, markMailed, openAlerts, pruneAlerts, resolveAlert, type AlertRow } from './alerts.repository.js';

/** An alert opened or resolved, as a mail tells it. */
export interface AlertChange {
  change: 'opened' | 'resolved';
  alert: AlertRow;
}

export interface AlertBookOptions {
  db: Kysely<Database>;
  /** Whether mails go out at all (SMTP set up and on). */
  mailing: () => Promise<boolean>;
  /** Sends the mail of a change; throws what the SMTP server said. */
  notify: (change: AlertChange) => Promise<void>;
  now?: () => Date;
  /** How long a condition must be seen before it opens, per kind (default 0: at once). */
  graceMs?: Partial<Record<AlertKind, number>>;
  /** The de-duplication rule's quiet time (minutes; read at each opening, from the settings). */
  quietMinutes: () => Promise<number>;
  /** How long resolved alerts are kept (default 90 days). */
  keepDays?: number;
  log: (line: string) => void;
}

/**
 * The alerts' state: each source hands it, per kind, the conditions it sees open now
 * (`observe`); a condition not yet open opens (after its kind's grace time), an open alert the
 * source no longer sees resolves. State lives in SQLite, so a restart neither forgets an open
 * alert nor mails it again.
 *
 * De-duplication (no mail storm while a trunk flaps): one open alert per kind and subject; an
 * opening is mailed unless the same kind and subject had a mailed opening within the quiet time
 * (settings `quietMinutes`, default 30), and a resolution is mailed only when its opening was. So
 * a flapping trunk sends at most one "lost" and one "back" mail per quiet time; every opening and
 * resolution is still in the history and on the dashboard.
 */
export class AlertBook {
  private queue: Promise<void> = Promise.resolve();
  /** When each pending condition (seen, not yet open) was first seen. */
  private readonly pending = new Map<string, number>();
  private readonly listeners = new Set<(change: AlertChange) => void>();
  /** Mails on their way (settled() waits for them). */
  private readonly mails = new Set<Promise<void>>();

  constructor(private readonly options: AlertBookOptions) {}

  /**
   * The conditions of `kind` open now; resolves once the store has them (calls run one at a time).
   * Never rejects: a failure is logged and the alerts stay as they were, so that a publish or a
   * check that reports to the book never fails because of it.
   */
  observe(kind: AlertKind, open: Condition[]): Promise<void> {
    this.queue = this.queue.then(() => this.reconcile(kind, open)).catch((error: Error) => {
      this.options.log(`[alerts] ${kind} not recorded: ${error.message}`);
    });
    return this.queue;
  }

  /** Called after each change is stored (tests wait for them). */
  onChange(listener: (change: AlertChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for the observations handed in so far, and for their mails. */
  async settled(): Promise<void> {
    await this.queue;
    await Promise.all(this.mails);
  }

  private async reconcile(kind: AlertKind, conditions: Condition[]): Promise<void> {
    const { db } = this.options;
    const now = (this.options.now ?? (() => new Date()))();
    const seen = new Map(conditions.filter((c) => c.kind === kind).map((c) => [alertKey(c.kind, c.subject), c]));
    const open = await openAlerts(db, kind);
    for (const alert of open) {
      if (seen.has(alert.key)) continue;
      await resolveAlert(db, alert.id, now);
      this.changed({ change: 'resolved', alert: { ...alert, resolved_at: now.toISOString() } }, alert.mailed === 1);
    }
    for (const key of [...this.pending.keys()]) if (key.startsWith(`${kind}:`) && !seen.has(key)) this.pending.delete(key);
    const grace = this.options.graceMs?.[kind] ?? 0;
    for (const [key, condition] of seen) {
      if (open.some((a) => a.key === key)) continue;
      const first = this.pending.get(key) ?? now.getTime();
      this.pending.set(key, first);
      if (now.getTime() - first < grace) continue;
      this.pending.delete(key);
      const quiet = (await this.options.quietMinutes()) * 60_000;
      const lastMail = await lastMailedOpening(db, key);
      const alert = await insertAlert(db, condition, now);
      const due = lastMail === undefined || now.getTime() - lastMail.getTime() >= quiet;
      if (!due) this.options.log(`[alerts] ${key} opened again within ${quiet / 60_000} min of its last mail: not mailed`);
      const mail = due && (await this.options.mailing());
      // Marked before it is sent: its resolution is then mailed too, even if this one failed (the log says so).
      if (mail) await markMailed(db, alert.id);
      this.changed({ change: 'opened', alert: { ...alert, mailed: mail ? 1 : 0 } }, mail);
    }
    const keepDays = this.options.keepDays ?? 90;
    await pruneAlerts(db, new Date(now.getTime() - keepDays * 86_400_000));
  }

  private changed(change: AlertChange, mail: boolean): void {
    this.options.log(`[alerts] ${change.change}: ${change.alert.text_en}`);
    for (const listener of this.listeners) listener(change);
    if (!mail) return;
    // Mails go out beside the queue: a slow SMTP server never holds up the next observation.
    const sending = this.options
      .notify(change)
      .catch((error: Error) => this.options.log(`[alerts] mail of ${change.alert.key}: ${error.message}`))
      .finally(() => this.mails.delete(sending));
    this.mails.add(sending);
  }
}
