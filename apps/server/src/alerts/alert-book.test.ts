import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../db/database.js';
import type { Database } from '../db/tables.js';
import { AlertBook, type AlertChange } from './alert-book.js';
import { alertHistory, openAlerts } from './alerts.repository.js';
import { trunkLost } from './conditions.js';

describe('AlertBook', () => {
  let dir: string;
  let db: Kysely<Database>;
  let now: Date;
  let mails: AlertChange[];
  let book: AlertBook;
  const make = (graceMs = 0) =>
    new AlertBook({
      db,
      now: () => now,
      graceMs: { 'trunk-registration': graceMs },
      quietMinutes: async () => 30,
      mailing: async () => true,
      notify: async (change) => {
        mails.push(change);
      },
      log: () => undefined,
    });
  const minutes = (n: number) => (now = new Date(now.getTime() + n * 60_000));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swf-alerts-'));
    db = openDatabase(dir);
    await migrateToLatest(db);
    now = new Date('2026-12-08T10:00:00Z');
    mails = [];
    book = make();
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens a condition once, keeps it open while it is seen, and resolves it when it is gone', async () => {
    await book.observe('trunk-registration', [trunkLost('prov', 'Rejected')]);
    await book.observe('trunk-registration', [trunkLost('prov', 'Rejected')]);
    expect((await openAlerts(db)).map((a) => a.key)).toEqual(['trunk-registration:prov']);
    minutes(1);
    await book.observe('trunk-registration', []);
    await book.settled();
    expect(await openAlerts(db)).toEqual([]);
    const [row] = await alertHistory(db, 10);
    expect(row).toMatchObject({ opened_at: '2026-12-08T10:00:00.000Z', resolved_at: '2026-12-08T10:01:00.000Z', mailed: 1 });
    expect(mails.map((m) => m.change)).toEqual(['opened', 'resolved']);
  });

  it('mails a flapping trunk once per quiet time; every flap is in the history', async () => {
    for (let i = 0; i < 5; i++) {
      await book.observe('trunk-registration', [trunkLost('prov', 'Unregistered')]);
      minutes(2);
      await book.observe('trunk-registration', []);
      minutes(2);
    }
    await book.settled();
    expect(mails.map((m) => m.change)).toEqual(['opened', 'resolved']);
    expect(await alertHistory(db, 10)).toHaveLength(5);
    minutes(30);
    await book.observe('trunk-registration', [trunkLost('prov', 'Unregistered')]);
    await book.settled();
    expect(mails.map((m) => m.change)).toEqual(['opened', 'resolved', 'opened']);
  });

  it('opens only after the grace time, and forgets a condition that went away before it', async () => {
    book = make(60_000);
    await book.observe('trunk-registration', [trunkLost('prov', 'Unregistered')]);
    minutes(0.5);
    await book.observe('trunk-registration', []);
    minutes(0.5);
    await book.observe('trunk-registration', [trunkLost('prov', 'Unregistered')]);
    expect(await openAlerts(db)).toEqual([]);
    minutes(1);
    await book.observe('trunk-registration', [trunkLost('prov', 'Unregistered')]);
    expect(await openAlerts(db)).toHaveLength(1);
  });

  it('keeps kinds apart: a source resolves only its own', async () => {
    await book.observe('trunk-registration', [trunkLost('a', 'Rejected')]);
    await book.observe('asterisk-down', []);
    expect(await openAlerts(db)).toHaveLength(1);
  });

  it('survives a restart: an open alert is not opened (nor mailed) again', async () => {
    await book.observe('trunk-registration', [trunkLost('prov', 'Rejected')]);
    await book.settled();
    const again = make();
    await again.observe('trunk-registration', [trunkLost('prov', 'Rejected')]);
    await again.settled();
    expect(mails).toHaveLength(1);
    expect(await openAlerts(db)).toHaveLength(1);
  });

  it('never rejects: a store that fails is logged and changes nothing', async () => {
    const lines: string[] = [];
    const failing = new AlertBook({ db, quietMinutes: async () => { throw new Error('settings unreadable'); }, mailing: async () => true, notify: async () => undefined, log: (l) => lines.push(l) });
    await expect(failing.observe('trunk-registration', [trunkLost('prov', 'Rejected')])).resolves.toBeUndefined();
    expect(lines).toEqual(['[alerts] trunk-registration not recorded: settings unreadable']);
    await failing.observe('trunk-registration', []);
    expect(await openAlerts(db)).toEqual([]);
  });
});
