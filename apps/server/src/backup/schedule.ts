import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { AmiOptions } from '../asterisk/ami.js';
import type { Database } from '../db/tables.js';
import { backupSection } from '../settings/backup.settings.js';
import { readSection } from '../settings/index.js';
import { createBackup } from './create.js';

/** `stumpfworks-backup-2026-12-07T03-10-00Z.tar.gz`: the names the schedule makes, keeps and prunes. */
const NAME = /^stumpfworks-backup-(\d{4}-\d\d-\d\dT\d\d)-(\d\d)-(\d\d)Z\.tar\.gz$/;

/** The file name of a backup made at `at` (also the download's name). */
export function backupFileName(at: Date): string {
  return `stumpfworks-backup-${at.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-')}.tar.gz`;
}

/** When the backup named `name` was made, or undefined for any other name. */
export function madeAt(name: string): number | undefined {
  const match = NAME.exec(name);
  return match ? Date.parse(`${match[1]}:${match[2]}:${match[3]}Z`) : undefined;
}

export interface ScheduleOptions {
  db: Kysely<Database>;
  dataDir: string;
  asteriskRoot?: string;
  ami?: AmiOptions;
  log: (line: string) => void;
  /** How often the settings are looked at (default a minute). */
  everyMs?: number;
}

/**
 * Scheduled backups (settings section `backup`): every minute, when enabled and the newest backup
 * in the folder is `intervalHours` old (or there is none), one more; then all but the newest `keep`
 * of that name are deleted. One at a time; a failure is logged and tried again at the next minute.
 */
export class BackupSchedule {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: ScheduleOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.options.everyMs ?? 60_000);
    this.timer.unref();
    void this.tick();
  }

  /** One look at the schedule (the timer's; tests call it with their own clock). Resolves to the file made, if any. */
  async tick(now = new Date()): Promise<string | undefined> {
    if (this.running) return undefined;
    let made: string | undefined;
    this.running = this.run(now).then(
      (file) => void (made = file),
      (error: Error) => this.options.log(`[backup] the scheduled backup failed: ${error.message}; trying again in a minute`),
    );
    await this.running;
    this.running = undefined;
    return made;
  }

  private async run(now: Date): Promise<string | undefined> {
    const settings = await readSection(this.options.db, backupSection);
    if (!settings.enabled || settings.folder === '') return undefined;
    const names = () => readdirSync(settings.folder).filter((n) => madeAt(n) !== undefined).sort();
    const newest = names().at(-1);
    if (newest && now.getTime() - madeAt(newest)! < settings.intervalHours * 3_600_000) return undefined;
    const file = join(settings.folder, backupFileName(now));
    const { asteriskRoot, ami } = this.options;
    await createBackup(file, { dataDir: this.options.dataDir, ...(asteriskRoot ? { asteriskRoot } : {}), ...(ami ? { ami } : {}), recordings: settings.recordings, now });
    const all = names();
    for (const old of all.slice(0, Math.max(0, all.length - settings.keep))) rmSync(join(settings.folder, old), { force: true });
    this.options.log(`[backup] scheduled backup written: ${file}`);
    return file;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
