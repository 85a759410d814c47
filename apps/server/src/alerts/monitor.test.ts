import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AmiPacket } from '../asterisk/ami.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import type { Database } from '../db/tables.js';
import { insertResource } from '../resources/resources.repository.js';
import { AlertBook } from './alert-book.js';
import { StoredAlertSettingsSchema } from './alert-settings.js';
import { openAlerts } from './alerts.repository.js';
import { AlertMonitor } from './monitor.js';

/** The sources faked at their boundary: ARI's ping, AMI's registrations, statfs, the bans table. */
describe('AlertMonitor', () => {
  let dir: string;
  let db: Kysely<Database>;
  let up: boolean;
  let status: string;
  let freeBytes: number;
  let monitor: AlertMonitor;
  const now = new Date('2026-12-08T10:00:00Z');
  const keys = async () => (await openAlerts(db)).map((a) => a.key).sort();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swf-monitor-'));
    db = openDatabase(dir);
    await migrateToLatest(db);
    await insertResource(db, 'trunk', 'prov', { id: 'prov', type: 'registration' });
    await insertResource(db, 'trunk', 'ipt', { id: 'ipt', type: 'ip' });
    up = true;
    status = 'Registered';
    freeBytes = 10 * 1024 ** 3;
    const book = new AlertBook({ db, now: () => now, quietMinutes: async () => 30, mailing: async () => false, notify: async () => undefined, log: () => undefined });
    const ami = async (action: Record<string, string>): Promise<AmiPacket[]> => {
      expect(action.Action).toBe('PJSIPShowRegistrationsOutbound');
      return [{ Event: 'OutboundRegistrationDetail', ObjectName: 'trunk-prov', Status: status }, { Event: 'OutboundRegistrationDetailComplete' }];
    };
    monitor = new AlertMonitor({
      db,
      book,
      settings: async () => StoredAlertSettingsSchema.parse({ diskMinFreeMb: 500, bansCount: 2, bansWindowMinutes: 60 }),
      asterisk: { ari: { ping: async () => up }, ami },
      disks: [
        { label: { de: 'die Daten', en: 'the data' }, path: '/data' },
        { label: { de: 'den Spool', en: 'the spool' }, path: '/spool' },
        { label: { de: 'die Aufnahmen', en: 'the recordings' }, path: '/nas' },
      ],
      free: async (path) => (path === '/nas' ? { device: 'nas', freeBytes: 10 * 1024 ** 3 } : { device: 'root', freeBytes }),
      intervalMs: 60_000,
      now: () => now,
      log: () => undefined,
    });
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('raises a lost registration and resolves it when the trunk is registered again', async () => {
    await monitor.check();
    expect(await keys()).toEqual([]);
    status = 'Rejected';
    await monitor.check();
    expect(await keys()).toEqual(['trunk-registration:prov']);
    expect((await openAlerts(db))[0]!.text_en).toContain('Rejected');
    status = 'Registered';
    await monitor.check();
    expect(await keys()).toEqual([]);
  });

  it('a dead Asterisk is one alert; its trunks are left as they were until it answers', async () => {
    status = 'Unregistered';
    await monitor.check();
    up = false;
    status = 'Registered';
    await monitor.check();
    expect(await keys()).toEqual(['asterisk-down:asterisk', 'trunk-registration:prov']);
    up = true;
    await monitor.check();
    expect(await keys()).toEqual([]);
  });

  it('raises low disk space under the threshold, once per file system', async () => {
    freeBytes = 100 * 1024 ** 2;
    await monitor.check();
    expect(await keys()).toEqual(['disk-low:/data, /spool']);
    expect((await openAlerts(db))[0]!.text_de).toBe('Wenig freier Speicher für die Daten und den Spool (/data, /spool): 100 MB frei, Schwelle 500 MB');
  });

  it('raises repeated bans at the count within the window, not for older ones', async () => {
    const ban = (address: string, since: Date) =>
      db.insertInto('security_bans').values({ address, since: since.toISOString(), until: since.toISOString(), failures: 5, repeat: 0, events: '{}', accounts: '[]', registered: 0 }).execute();
    await ban('192.0.2.1', new Date(now.getTime() - 2 * 3600_000));
    await ban('192.0.2.2', new Date(now.getTime() - 10 * 60_000));
    await monitor.check();
    expect(await keys()).toEqual([]);
    await ban('192.0.2.3', new Date(now.getTime() - 5 * 60_000));
    await monitor.check();
    expect(await keys()).toEqual(['repeated-bans:sip']);
  });
});
