import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../db/database.js';
import type { Database as Tables } from '../db/tables.js';
import { AuditLog } from './audit-log.js';
import { canonical, GENESIS, rowHash } from './chain.js';
import { auditSide, MASK, masked } from './mask.js';

describe('masking', () => {
  it('masks every secret the API takes, keeps flags, and sorts keys', () => {
    const value = {
      name: 'Empfang',
      secret: 'sip-secret-1',
      password: 'pw',
      mustChangePassword: true,
      voicemail: { pin: '1234', moderatorPin: 5678, email: 'a@b' },
      token: 'swf_abc',
      csrfToken: 'c',
      smtp: { host: 'mail', password: 'smtp-pw' },
      registrations: [{ secret: 'trunk-secret' }],
      keys: ['1', '2'],
      empty: { secret: '' },
    };
    expect(masked(value)).toEqual({
      csrfToken: MASK,
      empty: { secret: '' },
      keys: ['1', '2'],
      mustChangePassword: true,
      name: 'Empfang',
      password: MASK,
      registrations: [{ secret: MASK }],
      secret: MASK,
      smtp: { host: 'mail', password: MASK },
      token: MASK,
      voicemail: { email: 'a@b', moderatorPin: MASK, pin: MASK },
    });
    expect(auditSide({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(auditSide(undefined)).toBeNull();
    expect(JSON.parse(auditSide({ big: 'x'.repeat(70_000) })!)).toEqual({ omitted: true, chars: 70_010 });
  });
});

describe('the audit log store (real SQLite)', () => {
  let dir: string;
  let db: Kysely<Tables>;
  let clock: Date;
  let audit: AuditLog;
  const file = () => join(dir, 'stumpfworks.db');
  /** Opens the file behind the server's back, as someone with access to the disk would. */
  const raw = () => new Database(file());

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swf-audit-'));
    db = openDatabase(dir);
    await migrateToLatest(db);
    clock = new Date('2026-01-01T00:00:00Z');
    audit = new AuditLog(db, () => clock);
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const add = (action: string, after?: unknown) => audit.append({ actor: { kind: 'user', name: 'admin', role: 'admin' }, address: '127.0.0.1', action, resource: { type: 'extensions', id: '100' }, outcome: 200, after });

  it('chains each row to the one before, from GENESIS, and verifies', async () => {
    const first = await add('POST /extensions', { id: '100', secret: 'x' });
    const second = await add('PUT /extensions/{id}');
    expect(first.prev_hash).toBe(GENESIS);
    expect(second.prev_hash).toBe(first.hash);
    expect(first.hash).toBe(rowHash(first));
    expect(first.after).toBe('{"id":"100","secret":"***"}');
    expect(canonical(first)).toContain('"POST /extensions"');
    expect(await audit.verify()).toEqual({ ok: true, rows: 2, head: { seq: 2, hash: second.hash } });
  });

  it('keeps the chain in order under concurrent appends', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => add(`a${i}`)));
    expect(await audit.verify()).toMatchObject({ ok: true, rows: 50 });
  });

  it('refuses UPDATE and DELETE through SQLite itself', async () => {
    await add('POST /extensions');
    const sqlite = raw();
    try {
      expect(() => sqlite.prepare("UPDATE audit_log SET actor_name = 'someone'").run()).toThrow(/append-only/);
      expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    } finally {
      sqlite.close();
    }
  });

  it('finds a row edited, removed or inserted in the file (triggers dropped), naming the first broken row', async () => {
    for (let i = 0; i < 5; i++) await add(`step ${i}`);
    const sqlite = raw();
    try {
      sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete');
      sqlite.prepare("UPDATE audit_log SET actor_name = 'mallory' WHERE seq = 3").run();
      expect(await audit.verify()).toMatchObject({ ok: false, rows: 3, broken: { seq: 3, reason: { en: 'row 3 was changed: its hash does not match its content' } } });

      // Changed and re-hashed: the next row no longer follows it.
      const row3 = sqlite.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as Parameters<typeof rowHash>[0];
      sqlite.prepare('UPDATE audit_log SET hash = ? WHERE seq = 3').run(rowHash(row3));
      expect(await audit.verify()).toMatchObject({ ok: false, broken: { seq: 4, reason: { en: 'row 4 does not follow row 3: the previous hash does not match' } } });

      sqlite.prepare('DELETE FROM audit_log WHERE seq = 3').run();
      expect(await audit.verify()).toMatchObject({ ok: false, broken: { seq: 4, reason: { en: 'rows before row 4 are missing (the one before is 2)' } } });

      // The head cut off without a checkpoint: the first row left says so.
      sqlite.prepare('DELETE FROM audit_log WHERE seq <= 2').run();
      expect(await audit.verify()).toMatchObject({ ok: false, broken: { seq: 4, reason: { en: 'the rows before 4 are gone, and no checkpoint of a retention prune names row 3' } } });
    } finally {
      sqlite.close();
    }
  });

  it('prunes by age, leaving a checkpoint that keeps the chain verifiable; a forged checkpoint does not', async () => {
    await add('old 1');
    await add('old 2');
    clock = new Date('2026-03-01T00:00:00Z');
    const kept = await add('recent');
    expect(await audit.prune(30)).toEqual({ pruned: 2 });
    const { entries } = await audit.list({ limit: 10, offset: 0 });
    expect(entries.map((e) => e.action)).toEqual(['audit.pruned', 'recent']);
    expect(JSON.parse(entries[0]!.after!)).toMatchObject({ upto: 2, from: 1, count: 2, days: 30 });
    expect(kept.seq).toBe(3);
    expect(await audit.verify()).toMatchObject({ ok: true, rows: 2 });
    expect(await audit.prune(30)).toEqual({ pruned: 0 });

    // Everything old: the chain goes on from the last pruned row.
    clock = new Date('2026-06-01T00:00:00Z');
    expect(await audit.prune(30)).toEqual({ pruned: 2 });
    expect(await audit.verify()).toMatchObject({ ok: true, rows: 1, head: { seq: 5 } });
    await add('after');
    expect(await audit.verify()).toMatchObject({ ok: true, rows: 2 });

    // A prune outside the server (triggers dropped) without a checkpoint is found.
    const sqlite = raw();
    try {
      sqlite.exec('DROP TRIGGER audit_log_no_delete');
      sqlite.prepare('DELETE FROM audit_log WHERE seq = 5').run();
    } finally {
      sqlite.close();
    }
    expect(await audit.verify()).toMatchObject({ ok: false, broken: { seq: 6 } });
  });

  it('lists newest first with filters and paging', async () => {
    await add('POST /extensions');
    clock = new Date('2026-01-02T00:00:00Z');
    await audit.append({ actor: { kind: 'user', name: 'empfang', role: 'operator' }, action: 'GET /flows', resource: { type: 'flows' }, outcome: 403 });
    await audit.append({ actor: { kind: 'system', name: 'security' }, action: 'security.ban', resource: { type: 'security', id: '192.0.2.1' } });
    expect((await audit.list({ limit: 10, offset: 0 })).entries.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect((await audit.list({ actor: 'empfang', limit: 10, offset: 0 })).entries.map((e) => e.seq)).toEqual([2]);
    expect((await audit.list({ action: 'ban', limit: 10, offset: 0 })).entries.map((e) => e.seq)).toEqual([3]);
    expect((await audit.list({ action: '%', limit: 10, offset: 0 })).total).toBe(0);
    expect((await audit.list({ resource: 'extensions/100', limit: 10, offset: 0 })).entries.map((e) => e.seq)).toEqual([1]);
    expect((await audit.list({ resource: 'security', limit: 10, offset: 0 })).entries.map((e) => e.seq)).toEqual([3]);
    expect((await audit.list({ from: '2026-01-01T12:00:00.000Z', limit: 10, offset: 0 })).entries.map((e) => e.seq)).toEqual([3, 2]);
    expect((await audit.list({ to: '2026-01-01T12:00:00.000Z', limit: 10, offset: 0 })).entries.map((e) => e.seq)).toEqual([1]);
    expect(await audit.list({ limit: 1, offset: 1 })).toMatchObject({ total: 3, entries: [{ seq: 2 }] });
  });
});
