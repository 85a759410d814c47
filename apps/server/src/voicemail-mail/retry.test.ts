import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, retryDelayMs } from './retry.js';

describe('retryDelayMs', () => {
  it('doubles from one minute to one hour, then stays there', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => retryDelayMs(n)! / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('gives up after the last attempt, about two days after the first', () => {
    expect(retryDelayMs(DEFAULT_RETRY.attempts - 1)).toBe(3_600_000);
    expect(retryDelayMs(DEFAULT_RETRY.attempts)).toBeUndefined();
    let total = 0;
    for (let n = 1; n < DEFAULT_RETRY.attempts; n++) total += retryDelayMs(n)!;
    expect(total / 3_600_000).toBeGreaterThan(48);
    expect(total / 3_600_000).toBeLessThan(60);
  });

  it('follows another policy (the tests retry within a second)', () => {
    const fast = { firstMs: 100, maxMs: 300, attempts: 4 };
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, fast))).toEqual([100, 200, 300, undefined]);
  });
});
