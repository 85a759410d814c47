import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrateToLatest, openDatabase } from '../db/database.js';
import type { Database } from '../db/tables.js';
import { SecuritySettingsSchema, type SecuritySettings } from '../settings/security.settings.js';
import type { BanEnforcer, Enforcement } from './ban-enforcer.js';
import { BanGuard } from './ban-guard.js';
import type { LiveContact } from './contacts.js';
import type { SecurityEvent } from './security-event.js';

/** An enforcer that remembers every set it was given and applies it at once (or fails, while `failing`). */
function recordingEnforcer(kind: Enforcement = 'acl'): BanEnforcer & { applied: string[][]; failing: boolean } {
  let live = new Set<string>();
  const applied: string[][] = [];
  const enforcer = {
    kind,
    applied,
    failing: false,
    apply: async (bans: readonly { address: string }[]) => {
      applied.push(bans.map((b) => b.address).sort());
      if (enforcer.failing) return false;
      live = new Set(bans.map((b) => b.address));
      return true;
    },
    live: () => live,
  };
  return enforcer;
}

const failure = (address: string, account?: string, event = 'ChallengeResponseFailed'): SecurityEvent => ({
  kind: 'failure',
  event,
  address,
  ...(account ? { account } : {}),
  session: `s-${Math.random()}`,
  time: Date.now(),
});
const login = (address: string, account: string, session: string): SecurityEvent => ({ kind: 'success', event: 'SuccessfulAuth', address, account, session, time: Date.now() });

describe('BanGuard (real SQLite, fake clock)', () => {
  let dir: string;
  let db: Kysely<Database>;
  let settings: SecuritySettings;
  let contacts: LiveContact[];
  let contactLookups: number;
  let enforcer: ReturnType<typeof recordingEnforcer>;
  let kernel: ReturnType<typeof recordingEnforcer> | undefined;
  const guards: BanGuard[] = [];
  const newGuard = async () => {
    const guard = new BanGuard({
      db,
      enforcers: kernel ? [enforcer, kernel] : [enforcer],
      contacts: async () => {
        contactLookups++;
        return contacts;
      },
      settings: async () => settings,
    });
    guards.push(guard);
    await guard.start();
    return guard;
  };
  const many = async (guard: BanGuard, n: number, event: () => SecurityEvent) => {
    const outcomes = [];
    for (let i = 0; i < n; i++) outcomes.push(await guard.handle(event()));
    return outcomes;
  };

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2026-12-06T12:00:00Z'));
    dir = mkdtempSync(join(tmpdir(), 'swf-guard-'));
    db = openDatabase(dir);
    await migrateToLatest(db);
    settings = SecuritySettingsSchema.parse({ maxFailures: 5, maxFailuresRegistered: 12, findSeconds: 60, banSeconds: 100, repeatFactor: 4, maxBanSeconds: 10_000 });
    contacts = [];
    contactLookups = 0;
    enforcer = recordingEnforcer();
    kernel = undefined;
  });
  afterEach(async () => {
    for (const guard of guards.splice(0)) await guard.stop();
    vi.useRealTimers();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('bans an address at its maxFailures-th failure in the window, and the ban ends after banSeconds', async () => {
    const guard = await newGuard();
    expect(await many(guard, 4, () => failure('203.0.113.7', '1002'))).toEqual(['counted', 'counted', 'counted', 'counted']);
    vi.advanceTimersByTime(61_000); // the first four leave the window
    expect(await many(guard, 5, () => failure('203.0.113.7', '9999', 'InvalidAccountID'))).toEqual(['counted', 'counted', 'counted', 'counted', 'banned']);
    expect(await guard.handle(failure('203.0.113.7'))).toBe('already-banned');
    await vi.waitFor(() => expect(guard.list()).toMatchObject([{ address: '203.0.113.7', failures: 5, repeat: 0, events: { InvalidAccountID: 5 }, accounts: ['9999'], enforced: true }]));
    expect(contactLookups).toBe(0);

    await vi.advanceTimersByTimeAsync(100_000);
    await vi.waitFor(() => expect(guard.list()).toEqual([]));
    expect(enforcer.applied.at(-1)).toEqual([]);
  });

  it('never bans an allowlisted address, and lifts active bans in a network allowlisted later', async () => {
    settings = { ...settings, allowlist: ['203.0.113.0/24'] };
    const guard = await newGuard();
    expect(new Set(await many(guard, 20, () => failure('203.0.113.9')))).toEqual(new Set(['allowlisted']));
    await many(guard, 5, () => failure('198.51.100.4'));
    expect(guard.list().map((b) => b.address)).toEqual(['198.51.100.4']);
    settings = { ...settings, allowlist: ['198.51.100.0/24'] };
    await guard.settingsChanged();
    await vi.waitFor(() => expect(guard.list()).toEqual([]));
  });

  it('exempts failures of an account registered from the address until maxFailuresRegistered', async () => {
    const guard = await newGuard();
    await guard.handle(login('192.0.2.50', '1002', 'call-1'));
    contacts = [{ endpoint: '1002', callId: 'call-1', expires: Date.now() + 60_000 }];
    const outcomes = await many(guard, 12, () => failure('192.0.2.50', '1002'));
    expect(outcomes.slice(0, 4)).toEqual(['counted', 'counted', 'counted', 'counted']);
    expect(outcomes.slice(4, 11)).toEqual(Array(7).fill('exempt'));
    expect(outcomes[11]).toBe('banned');
    expect(guard.list()).toMatchObject([{ address: '192.0.2.50', failures: 12, registered: true }]);
  });

  it('does not exempt a login whose contact is gone, or failures of other accounts', async () => {
    const guard = await newGuard();
    await guard.handle(login('192.0.2.60', '1002', 'call-2'));
    contacts = [{ endpoint: '1002', callId: 'another-dialog', expires: Date.now() + 60_000 }];
    expect((await many(guard, 5, () => failure('192.0.2.60', '1002'))).at(-1)).toBe('banned');

    await guard.handle(login('192.0.2.61', '1002', 'call-3'));
    contacts = [{ endpoint: '1002', callId: 'call-3', expires: Date.now() + 60_000 }];
    await many(guard, 4, () => failure('192.0.2.61', '1002'));
    const lookups = contactLookups;
    expect((await many(guard, 5, () => failure('192.0.2.61', '1003'))).at(-1)).toBe('banned');
    expect(contactLookups - lookups).toBeGreaterThan(0);
  });

  it('keeps bans and failure counts across a restart, and escalates a repeat offender', async () => {
    const first = await newGuard();
    await many(first, 3, () => failure('198.51.100.7'));
    await many(first, 5, () => failure('198.51.100.8'));
    await first.stop();

    const second = await newGuard();
    expect(second.list().map((b) => [b.address, b.until - b.since])).toEqual([['198.51.100.8', 100_000]]);
    expect((await many(second, 2, () => failure('198.51.100.7'))).at(-1)).toBe('banned');
    await vi.advanceTimersByTimeAsync(100_001);
    await vi.waitFor(() => expect(second.list().map((b) => b.address)).toEqual([]));
    await many(second, 5, () => failure('198.51.100.8'));
    expect(second.list().find((b) => b.address === '198.51.100.8')).toMatchObject({ repeat: 1 });
    const again = second.list().find((b) => b.address === '198.51.100.8')!;
    expect(again.until - again.since).toBe(400_000);
  });

  it('lifts a ban: the address is forgotten and leaves the ACL before lift resolves', async () => {
    const guard = await newGuard();
    await many(guard, 5, () => failure('198.51.100.20'));
    expect(await guard.lift('198.51.100.20')).toEqual({ lifted: true, live: true });
    expect(enforcer.applied.at(-1)).toEqual([]);
    expect(guard.list()).toEqual([]);
    expect(await guard.lift('198.51.100.20')).toEqual({ lifted: false, live: true });
    expect((await many(guard, 5, () => failure('198.51.100.20'))).at(-1)).toBe('banned');
    expect(guard.list()[0]!.repeat).toBe(0);
  });

  it('counts nothing while disabled, and lists the latest events newest first', async () => {
    settings = { ...settings, enabled: false };
    const guard = await newGuard();
    expect(new Set(await many(guard, 6, () => failure('198.51.100.30')))).toEqual(new Set(['disabled']));
    expect(guard.list()).toEqual([]);
    expect(guard.recent()[0]).toMatchObject({ address: '198.51.100.30', outcome: 'disabled' });
  });

  it('puts every ban into each enforcement, and tells which refuse it since when', async () => {
    kernel = recordingEnforcer('kernel');
    const guard = await newGuard();
    expect(guard.enforcement()).toEqual(['acl', 'kernel']);
    const at = Date.now();
    await many(guard, 5, () => failure('198.51.100.40'));
    await vi.waitFor(() => expect(guard.list()[0]?.enforcedBy).toEqual({ acl: at, kernel: at }));
    expect(guard.list()[0]).toMatchObject({ enforced: true, enforcedAt: at });
    expect([enforcer.applied.at(-1), kernel.applied.at(-1)]).toEqual([['198.51.100.40'], ['198.51.100.40']]);

    // One enforcement failing: the lift is not live everywhere until that one takes it.
    kernel.failing = true;
    expect(await guard.lift('198.51.100.40')).toEqual({ lifted: true, live: false });
    expect([enforcer.live().has('198.51.100.40'), kernel.live().has('198.51.100.40')]).toEqual([false, true]);
    kernel.failing = false;
    guard.resync();
    await vi.waitFor(() => expect(kernel!.live().size).toBe(0));
  });

  it('applies the bans again at every prune (the kernel table may have been flushed by another tool)', async () => {
    kernel = recordingEnforcer('kernel');
    const guard = await newGuard();
    await many(guard, 5, () => failure('198.51.100.41'));
    await vi.waitFor(() => expect(guard.list()[0]?.enforced).toBe(true));
    const runs = kernel.applied.length;
    await vi.advanceTimersByTimeAsync(60_000);
    await vi.waitFor(() => expect(kernel!.applied.length).toBe(runs + 1));
    expect(kernel.applied.at(-1)).toEqual(['198.51.100.41']);
  });

  it('never hands an allowlisted address to an enforcement, not even a stored ban from before the allowlist grew', async () => {
    kernel = recordingEnforcer('kernel');
    const first = await newGuard();
    await many(first, 5, () => failure('192.0.2.77'));
    await vi.waitFor(() => expect(first.list()[0]?.enforced).toBe(true));
    await first.stop();

    settings = { ...settings, allowlist: ['192.0.2.0/24'] };
    enforcer = recordingEnforcer();
    kernel = recordingEnforcer('kernel');
    const second = await newGuard();
    await vi.waitFor(() => expect(kernel!.applied).toEqual([[]]));
    expect(enforcer.applied).toEqual([[]]);
    expect(second.list()).toEqual([]);
    expect(await second.handle(failure('192.0.2.77'))).toBe('allowlisted');
  });
});
