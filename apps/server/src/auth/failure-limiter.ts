/**
 * Counts failed authentications per client address. After `limit` failures within `windowMs` of
 * an address's first one, the address is refused until that window has passed; then it starts
 * afresh. Successes are never counted.
 *
 * The bookkeeping is bounded: at most `maxAddresses` entries (about 100 bytes each). Entries are
 * kept in the order their windows started, so expired ones are dropped from the front; when the
 * table is full of live windows, the oldest goes (an attacker with that many addresses has that
 * many windows anyway).
 *
 * @example
 * const limiter = new FailureLimiter({ limit: 30, windowMs: 60_000 });
 * if (limiter.retryAfterSeconds(address) > 0) return tooManyRequests();
 * if (!valid) limiter.fail(address);
 */
/**
 * 30 failures per address within 60 s. The editor's first load with a stale or mistyped token
 * fails 7 requests at once (measured in Chromium: the lists it loads), so a person who reloads
 * with a stale token and then mistypes it twice stays under 30; a script passes 30 within a
 * second and then waits out the minute. That caps a guesser at 30 tries a minute per address
 * (against the 256-bit admin token, nothing) and the NAS at 30 token checks a minute per address.
 * A minute is the longest a person locked out by mistake waits.
 */
export const AUTH_FAILURE_DEFAULTS = { limit: 30, windowSeconds: 60 } as const;

export class FailureLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly maxAddresses: number;
  private readonly now: () => number;
  /** address -> its window: when it began and how many failures it holds. */
  private readonly windows = new Map<string, { since: number; failures: number }>();

  constructor(options: { limit: number; windowMs: number; maxAddresses?: number; now?: () => number }) {
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.maxAddresses = options.maxAddresses ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Whole seconds until `address` may try again (at least 1 while refused); 0 when it may now. */
  retryAfterSeconds(address: string): number {
    const window = this.windows.get(address);
    if (!window || window.failures < this.limit) return 0;
    const left = window.since + this.windowMs - this.now();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /** Counts one failed authentication; true when it was the one that reached the limit. */
  fail(address: string): boolean {
    const now = this.now();
    const window = this.windows.get(address);
    if (window && now < window.since + this.windowMs) {
      window.failures++;
      return window.failures === this.limit;
    }
    this.windows.delete(address); // re-inserted at the end: the table stays ordered by `since`
    this.dropExpired(now);
    if (this.windows.size >= this.maxAddresses) this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(address, { since: now, failures: 1 });
    return this.limit === 1;
  }

  /** How many addresses are tracked (for tests of the bound). */
  get size(): number {
    return this.windows.size;
  }

  private dropExpired(now: number): void {
    for (const [address, window] of this.windows) {
      if (now < window.since + this.windowMs) return;
      this.windows.delete(address);
    }
  }
}
