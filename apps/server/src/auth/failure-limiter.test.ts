import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './failure-limiter.js';

describe('FailureLimiter (fake clock)', () => {
  const make = (options: { maxAddresses?: number } = {}) => {
    const clock = { now: 0 };
    const limiter = new FailureLimiter({ limit: 3, windowMs: 60_000, now: () => clock.now, ...options });
    return { clock, limiter };
  };

  it('refuses after the limit until the window that began with the first failure has passed', () => {
    const { clock, limiter } = make();
    expect([limiter.fail('a'), limiter.fail('a')]).toEqual([false, false]);
    expect(limiter.retryAfterSeconds('a')).toBe(0);
    clock.now = 10_000;
    expect(limiter.fail('a')).toBe(true); // the third: the one that reaches the limit
    expect(limiter.retryAfterSeconds('a')).toBe(50);
    clock.now = 59_001;
    expect(limiter.retryAfterSeconds('a')).toBe(1);
    clock.now = 60_000;
    expect(limiter.retryAfterSeconds('a')).toBe(0);
    expect(limiter.fail('a')).toBe(false); // a new window
    expect(limiter.retryAfterSeconds('a')).toBe(0);
  });

  it('keeps addresses apart', () => {
    const { limiter } = make();
    for (let i = 0; i < 3; i++) limiter.fail('a');
    limiter.fail('b');
    expect(limiter.retryAfterSeconds('a')).toBe(60);
    expect(limiter.retryAfterSeconds('b')).toBe(0);
    expect(limiter.retryAfterSeconds('never-seen')).toBe(0);
  });

  it('holds at most maxAddresses, dropping expired windows first, then the oldest', () => {
    const { clock, limiter } = make({ maxAddresses: 100 });
    for (let i = 0; i < 10_000; i++) limiter.fail(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.size).toBe(100);
    // A refused address stays refused while the table is not flooded past it.
    for (let i = 0; i < 3; i++) limiter.fail('blocked');
    for (let i = 0; i < 50; i++) limiter.fail(`192.0.2.${i}`);
    expect(limiter.retryAfterSeconds('blocked')).toBe(60);
    // Once every window has expired, a new failure sweeps them out.
    clock.now = 60_000;
    limiter.fail('fresh');
    expect(limiter.size).toBe(1);
  });
});
