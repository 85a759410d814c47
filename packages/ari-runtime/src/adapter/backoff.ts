/** Exponential backoff with a cap, for reconnecting: 250 ms, 500 ms, 1 s, ... up to `maxMs`. */
export interface Backoff {
  /** The delay before the next attempt; each call doubles the following one. */
  next(): number;
  /** Back to the first delay, after a success. */
  reset(): void;
}

export function exponentialBackoff(initialMs = 250, maxMs = 10_000): Backoff {
  let delay = initialMs;
  return {
    next() {
      const current = delay;
      delay = Math.min(delay * 2, maxMs);
      return current;
    },
    reset() {
      delay = initialMs;
    },
  };
}
