import { stat, statfs } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { AmiOptions, AmiRunner } from '../asterisk/ami.js';
import type { Ari } from '../asterisk/ari.js';
import type { Database } from '../db/tables.js';
import type { Bilingual } from '../http/language.js';
import type { AlertBook } from './alert-book.js';
import type { AlertSettings } from './alert-settings.js';
import { asteriskDown, diskLow, repeatedBans, trunkLost } from './conditions.js';
import { trunkStates } from './live-state.js';

/** A folder whose free space is watched. */
export interface WatchedDisk {
  label: Bilingual;
  path: string;
}

/** The file system of `path`: its device (folders on one are one alert) and the bytes free for the server's user. */
export type FreeSpace = (path: string) => Promise<{ device: string; freeBytes: number }>;

export const freeSpace: FreeSpace = async (path) => {
  const [fs, s] = await Promise.all([statfs(path), stat(path)]);
  return { device: String(s.dev), freeBytes: fs.bavail * fs.bsize };
};

export interface MonitorDeps {
  db: Kysely<Database>;
  book: AlertBook;
  settings: () => Promise<AlertSettings>;
  /** The live PBX; without it only the disk and the bans are watched. */
  asterisk?: { ari: Pick<Ari, 'ping'>; ami: AmiOptions | AmiRunner };
  disks: WatchedDisk[];
  free?: FreeSpace;
  /** How often every source is read (the server: 15 s). */
  intervalMs: number;
  now?: () => Date;
  log: (line: string) => void;
}

/**
 * Reads every alert source each `intervalMs` and hands what it sees to the AlertBook: Asterisk
 * (ARI ping), the trunks' outbound registrations (AMI PJSIPShowRegistrationsOutbound, only while
 * Asterisk answers: a dead Asterisk is one alert, not one per trunk), free disk space (statfs), and
 * the SIP bans of the last window (the security guard's table). A source that cannot be read
 * changes nothing (its alerts stay as they are).
 */
export class AlertMonitor {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: MonitorDeps) {}

  start(): void {
    const tick = () => {
      this.running ??= this.check()
        .catch((error: Error) => this.deps.log(`[alerts] a check failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    };
    tick();
    this.timer = setInterval(tick, this.deps.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round over every source. */
  async check(): Promise<void> {
    const settings = await this.deps.settings();
    await Promise.all([this.checkAsterisk(), this.checkDisks(settings), this.checkBans(settings)]);
  }

  private async checkAsterisk(): Promise<void> {
    const { asterisk, book, db, log } = this.deps;
    if (!asterisk) return;
    const up = await asterisk.ari.ping();
    await book.observe('asterisk-down', up ? [] : [asteriskDown()]);
    if (!up) return;
    try {
      const trunks = await trunkStates(db, asterisk.ami);
      const lost = trunks.filter((t) => t.status !== undefined && t.status !== 'Registered');
      await book.observe('trunk-registration', lost.map((t) => trunkLost(t.id, t.status!)));
    } catch (error) {
      log(`[alerts] the trunks' registrations could not be read: ${(error as Error).message}`);
    }
  }

  /** One alert per file system under the threshold, naming every watched folder on it. */
  private async checkDisks(settings: AlertSettings): Promise<void> {
    const free = this.deps.free ?? freeSpace;
    const systems = new Map<string, { disks: WatchedDisk[]; freeBytes: number }>();
    for (const disk of this.deps.disks) {
      try {
        const { device, freeBytes } = await free(disk.path);
        const system = systems.get(device) ?? { disks: [], freeBytes };
        system.disks.push(disk);
        systems.set(device, system);
      } catch (error) {
        this.deps.log(`[alerts] free space of ${disk.path} unknown: ${(error as Error).message}`);
        return;
      }
    }
    const low = [...systems.values()]
      .map((system) => ({ ...system, mb: Math.floor(system.freeBytes / 1_048_576) }))
      .filter((system) => system.mb < settings.diskMinFreeMb)
      .map(({ disks, mb }) => {
        const label = { de: disks.map((d) => d.label.de).join(' und '), en: disks.map((d) => d.label.en).join(' and ') };
        return diskLow(label, disks.map((d) => d.path).join(', '), mb, settings.diskMinFreeMb);
      });
    await this.deps.book.observe('disk-low', low);
  }

  private async checkBans(settings: AlertSettings): Promise<void> {
    const now = (this.deps.now ?? (() => new Date()))();
    const since = new Date(now.getTime() - settings.bansWindowMinutes * 60_000).toISOString();
    const row = await this.deps.db.selectFrom('security_bans').select((eb) => eb.fn.countAll<number>().as('n')).where('since', '>=', since).executeTakeFirstOrThrow();
    const count = Number(row.n);
    await this.deps.book.observe('repeated-bans', count >= settings.bansCount ? [repeatedBans(count, settings.bansWindowMinutes)] : []);
  }
}
