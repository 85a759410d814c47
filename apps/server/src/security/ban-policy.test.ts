import { describe, expect, it } from 'vitest';
import { SecuritySettingsSchema } from '../settings/security.settings.js';
import { accountsToCheck, banFor, banSeconds, callsForBan, recentFailures, type Failure } from './ban-policy.js';

const settings = SecuritySettingsSchema.parse({ maxFailures: 5, maxFailuresRegistered: 12, findSeconds: 60, banSeconds: 100, repeatFactor: 4, maxBanSeconds: 1000, rememberSeconds: 3600 });
const failures = (n: number, account?: string, at = 1000): Failure[] =>
  Array.from({ length: n }, (_, i) => ({ time: at + i, event: 'ChallengeResponseFailed', ...(account ? { account } : {}) }));

describe('ban policy', () => {
  it('counts the failures inside the window only', () => {
    const list = [{ time: 0, event: 'a' }, { time: 30_000, event: 'b' }, { time: 60_000, event: 'c' }];
    expect(recentFailures(list, 60_000, settings).map((f) => f.event)).toEqual(['b', 'c']);
    expect(recentFailures(list, 120_001, settings)).toEqual([]);
  });

  it('bans after maxFailures; failures naming a registered account count only towards maxFailuresRegistered', () => {
    expect(callsForBan(failures(4), new Set(), settings)).toBe(false);
    expect(callsForBan(failures(5), new Set(), settings)).toBe(true);
    expect(callsForBan(failures(11, '1002'), new Set(['1002']), settings)).toBe(false);
    expect(callsForBan(failures(12, '1002'), new Set(['1002']), settings)).toBe(true);
    // The same address failing as other accounts (an attacker behind the phone's router) is not exempt.
    expect(callsForBan([...failures(6, '1002'), ...failures(5, '1003')], new Set(['1002']), settings)).toBe(true);
    expect(callsForBan([...failures(6, '1002'), ...failures(4)], new Set(['1002']), settings)).toBe(false);
  });

  it('asks about registered contacts only for accounts the address has logged in as', () => {
    expect(accountsToCheck([...failures(3, '1002'), ...failures(3, '9999'), ...failures(1)], new Set(['1002', '1003']))).toEqual(new Set(['1002']));
    expect(accountsToCheck(failures(5, '9999'), new Set())).toEqual(new Set());
  });

  it('makes repeat bans longer, up to maxBanSeconds, while the last one is remembered', () => {
    expect([0, 1, 2, 3].map((r) => banSeconds(r, settings))).toEqual([100, 400, 1000, 1000]);
    const first = banFor('203.0.113.7', [...failures(3, '1002'), ...failures(2)], undefined, false, 10_000, settings);
    expect(first).toEqual({
      address: '203.0.113.7',
      since: 10_000,
      until: 110_000,
      failures: 5,
      repeat: 0,
      events: { ChallengeResponseFailed: 5 },
      accounts: ['1002'],
      registered: false,
    });
    const second = banFor('203.0.113.7', failures(5), first, false, 200_000, settings);
    expect([second.repeat, second.until - second.since]).toEqual([1, 400_000]);
    const forgotten = banFor('203.0.113.7', failures(5), first, false, first.until + 3600_000, settings);
    expect(forgotten.repeat).toBe(0);
  });

  it('lists at most ten accounts of a ban', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ time: i, event: 'InvalidAccountID', account: String(100 + i) }));
    expect(banFor('203.0.113.7', many, undefined, false, 0, settings).accounts).toHaveLength(10);
  });
});
