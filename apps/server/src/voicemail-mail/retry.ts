/**
 * When a voicemail mail that failed is tried again: the delay doubles from `firstMs` up to
 * `maxMs`, and after `attempts` tries in all it is given up (the voicemail itself stays in the
 * box). The default (1 min doubling to 1 h, 60 tries) keeps trying for about two days: a relay
 * that is down over a weekend night, or a password changed at the provider, is fixed in that time.
 */
export interface RetryPolicy {
  firstMs: number;
  maxMs: number;
  attempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { firstMs: 60_000, maxMs: 3_600_000, attempts: 60 };

/** The delay after the `failed`th failed attempt (1 for the first), or undefined when that was the last. */
export function retryDelayMs(failed: number, policy: RetryPolicy = DEFAULT_RETRY): number | undefined {
  if (failed >= policy.attempts) return undefined;
  return Math.min(policy.maxMs, policy.firstMs * 2 ** Math.max(0, failed - 1));
}
