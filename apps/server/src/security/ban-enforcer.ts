import type { EnforcedBan } from './nft-script.js';

/** How a ban is enforced: Asterisk's pjsip ACL (403 to everything), or the kernel dropping the packets (nftables). */
export type Enforcement = 'acl' | 'kernel';

/** Puts a set of banned addresses live, in one way. */
export interface BanEnforcer {
  readonly kind: Enforcement;
  /**
   * Makes this enforcement refuse exactly `bans` (the ones still running). Calls made while a
   * round runs are merged into the next one. Resolves true once this set (or a later one) is live,
   * false when putting it live failed (the next apply tries again).
   */
  apply(bans: readonly EnforcedBan[]): Promise<boolean>;
  /** The addresses refused now, as far as this process knows. */
  live(): ReadonlySet<string>;
}

/**
 * Runs `round` one at a time: a call while one runs is queued, and all calls queued meanwhile share
 * that one next round (which reads the latest wish when it starts). Resolves with the result of the
 * round that ran after the call.
 */
export function latestRound(round: () => Promise<boolean>): () => Promise<boolean> {
  let running: Promise<boolean> | undefined;
  let queued: Promise<boolean> | undefined;
  const schedule = (): Promise<boolean> => {
    if (!running) {
      running = round().finally(() => {
        running = undefined;
      });
      return running;
    }
    const next = () => {
      queued = undefined;
      return schedule();
    };
    queued ??= running.then(next, next);
    return queued;
  };
  return schedule;
}
