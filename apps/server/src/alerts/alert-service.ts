import type { Kysely } from 'kysely';
import type { AmiOptions } from '../asterisk/ami.js';
import type { Ari } from '../asterisk/ari.js';
import type { Database } from '../db/tables.js';
import { AlertBook, type AlertChange } from './alert-book.js';
import { readAlertSettings } from './alert-settings.js';
import type { AlertKind } from './conditions.js';
import { sendAlertMail } from './mailer.js';
import { collectMetrics } from './metrics.js';
import { Histogram, renderMetrics } from './metrics-text.js';
import { AlertMonitor, type FreeSpace, type WatchedDisk } from './monitor.js';

/** The alerts as the server runs them: the book, its sources on a timer, the mails and the metrics. */
export interface Alerts {
  book: AlertBook;
  monitor: AlertMonitor;
  publishDurations: Histogram;
  /** GET /metrics' body. */
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

export interface AlertsOptions {
  db: Kysely<Database>;
  asterisk?: { ari: Ari; ami: AmiOptions };
  disks: WatchedDisk[];
  activeBans: () => number;
  /** How often the sources are read (default 15 s). */
  intervalMs?: number;
  /** How long a condition must last before it opens (default: trunks 30 s, Asterisk 10 s, the rest at once). */
  graceMs?: Partial<Record<AlertKind, number>>;
  free?: FreeSpace;
  log: (line: string) => void;
}

/** Seconds; a publish takes from a fraction of a second (unchanged) to some seconds (reload and check). */
const PUBLISH_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function startAlerts(options: AlertsOptions): Alerts {
  const { db, log } = options;
  const book = new AlertBook({
    db,
    log,
    graceMs: options.graceMs ?? { 'trunk-registration': 30_000, 'asterisk-down': 10_000 },
    quietMinutes: async () => (await readAlertSettings(db)).quietMinutes,
    // Alert mails need recipients; the relay may be on for voicemail mail alone.
    mailing: async () => {
      const { smtp } = await readAlertSettings(db);
      return smtp.enabled && smtp.recipients.length > 0;
    },
    notify: async (change: AlertChange) => {
      const { smtp } = await readAlertSettings(db);
      const accepted = await sendAlertMail(smtp, change);
      log(`[alerts] mailed ${change.change} ${change.alert.key} to ${accepted.join(', ')}`);
    },
  });
  const monitor = new AlertMonitor({
    db,
    book,
    settings: () => readAlertSettings(db),
    ...(options.asterisk ? { asterisk: options.asterisk } : {}),
    disks: options.disks,
    ...(options.free ? { free: options.free } : {}),
    intervalMs: options.intervalMs ?? 15_000,
    log,
  });
  monitor.start();
  const publishDurations = new Histogram('swf_publish_duration_seconds', 'Publish durations since the server started, by outcome (ok, refused: Asterisk refused and it was rolled back, failed: any other error)', PUBLISH_BUCKETS);
  return {
    book,
    monitor,
    publishDurations,
    metrics: async () =>
      renderMetrics(await collectMetrics({ db, ...(options.asterisk ? { asterisk: options.asterisk } : {}), activeBans: options.activeBans, publishDurations })),
    stop: async () => {
      await monitor.stop();
      await book.settled();
    },
  };
}
