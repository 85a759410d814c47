import { describe, expect, it } from 'vitest';
import { kernelEnforcer, kernelUnavailable } from './kernel-enforcer.js';
import { renderKernelBans } from './nft-script.js';
import type { NftRunner } from './nft.js';

const target = { table: 'swf_unit', ports: [5060, 5061] };
const now = Date.parse('2026-12-06T12:00:00Z');
const ban = (address: string, seconds = 900) => ({ address, until: now + seconds * 1000 });

/** An nft that records the scripts it is given; each run waits until the test lets it finish (or fail) when `held`. */
function fakeNft(held = false) {
  const scripts: string[] = [];
  const waiting: Array<(error?: Error) => void> = [];
  const nft: NftRunner = (script, options) => {
    if (options?.check) return Promise.resolve();
    scripts.push(script);
    return held ? new Promise((resolve, reject) => waiting.push((error) => (error ? reject(error) : resolve()))) : Promise.resolve();
  };
  return { nft, scripts, finish: (error?: Error) => waiting.shift()!(error), settle: () => new Promise((r) => setImmediate(r)) };
}

describe('kernelEnforcer', () => {
  it('replaces the table with every apply, the rest of each ban as its timeout, and knows what is live', async () => {
    const fake = fakeNft();
    const enforcer = kernelEnforcer({ target, nft: fake.nft, now: () => now });
    expect(enforcer.kind).toBe('kernel');
    expect(await enforcer.apply([ban('203.0.113.7'), ban('2001:db8::1', 60)])).toBe(true);
    expect(fake.scripts).toEqual([renderKernelBans(target, [ban('203.0.113.7'), ban('2001:db8::1', 60)], now)]);
    expect([...enforcer.live()].sort()).toEqual(['2001:db8::1', '203.0.113.7']);
    // The same set again is applied again: the table may have been flushed by another tool.
    expect(await enforcer.apply([ban('203.0.113.7'), ban('2001:db8::1', 60)])).toBe(true);
    expect(fake.scripts).toHaveLength(2);
    expect(await enforcer.apply([])).toBe(true);
    expect(enforcer.live().size).toBe(0);
  });

  it('merges the applies asked for during a run into one next run of the latest set', async () => {
    const fake = fakeNft(true);
    const enforcer = kernelEnforcer({ target, nft: fake.nft, now: () => now });
    const first = enforcer.apply([ban('192.0.2.1')]);
    await fake.settle();
    const second = enforcer.apply([ban('192.0.2.1'), ban('192.0.2.2')]);
    const third = enforcer.apply([ban('192.0.2.3')]);
    expect(fake.scripts).toHaveLength(1);
    fake.finish();
    expect(await first).toBe(true);
    await fake.settle();
    expect(fake.scripts).toHaveLength(2);
    expect(fake.scripts[1]).toContain('192.0.2.3 timeout');
    expect(fake.scripts[1]).not.toContain('192.0.2.1');
    fake.finish();
    expect([await second, await third]).toEqual([true, true]);
    expect([...enforcer.live()]).toEqual(['192.0.2.3']);
  });

  it('reports a failed run, keeps what it knew to be live, and tries again with the next apply', async () => {
    const fake = fakeNft(true);
    const lines: string[] = [];
    const enforcer = kernelEnforcer({ target, nft: fake.nft, now: () => now, log: (l) => lines.push(l) });
    const failing = enforcer.apply([ban('192.0.2.9')]);
    await fake.settle();
    fake.finish(new Error('nft failed (exit 1): Operation not permitted'));
    expect(await failing).toBe(false);
    expect(enforcer.live().size).toBe(0);
    expect(lines.join('\n')).toContain('table inet swf_unit, 1 addresses): nft failed (exit 1): Operation not permitted');
    const again = enforcer.apply([ban('192.0.2.9')]);
    await fake.settle();
    fake.finish();
    expect(await again).toBe(true);
    expect([...enforcer.live()]).toEqual(['192.0.2.9']);
  });

  it('refuses to run a script with anything but addresses, and says so', async () => {
    const fake = fakeNft();
    const lines: string[] = [];
    const enforcer = kernelEnforcer({ target, nft: fake.nft, now: () => now, log: (l) => lines.push(l) });
    expect(await enforcer.apply([{ address: '0.0.0.0/0', until: now + 1000 }])).toBe(false);
    expect(fake.scripts).toEqual([]);
    expect(lines.join('\n')).toContain('not a normalised IP address');
  });
});

describe('kernelUnavailable', () => {
  it("checks our table's script with nft -c, and gives nft's reason when it refuses", async () => {
    const checked: Array<[string, boolean | undefined]> = [];
    const ok: NftRunner = async (script, options) => void checked.push([script, options?.check]);
    expect(await kernelUnavailable(target, ok)).toBeUndefined();
    expect(checked).toEqual([[renderKernelBans(target, [], 0), true]]);
    const refusing: NftRunner = async () => {
      throw new Error('nft failed (exit 1): Operation not permitted (you must be root)');
    };
    expect(await kernelUnavailable(target, refusing)).toBe('nft failed (exit 1): Operation not permitted (you must be root)');
  });
});
