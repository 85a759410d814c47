import type { SecuritySettings } from '../settings/security.settings.js';

/** One failed request of an address. */
export interface Failure {
  /** Milliseconds since the epoch. */
  time: number;
  event: string;
  account?: string;
}

/** A ban of one address (kept after it ends, to make the next one longer). */
export interface Ban {
  address: string;
  since: number;
  until: number;
  /** The failures that led to it. */
  failures: number;
  /** Earlier bans of this address that still counted when this one began (0: first offence). */
  repeat: number;
  /** The failures by Asterisk event name. */
  events: Record<string, number>;
  /** The accounts the failures named (at most MAX_ACCOUNTS, in the order first seen). */
  accounts: string[];
  /** Whether the address had a registered contact of a named account (it took maxFailuresRegistered). */
  registered: boolean;
}

export const MAX_ACCOUNTS = 10;

/** The failures of the last `findSeconds` up to `now`, oldest first. */
export function recentFailures(failures: readonly Failure[], now: number, settings: Pick<SecuritySettings, 'findSeconds'>): Failure[] {
  const from = now - settings.findSeconds * 1000;
  return failures.filter((f) => f.time > from && f.time <= now);
}

/**
 * Whether `failures` (the recent ones of one address) call for a ban, given the accounts the
 * address holds a registered, authenticated contact of (`exempt`). Failures naming one of them count
 * only towards `maxFailuresRegistered`: a phone whose password changed, or a second phone behind the
 * same router, must not cut off the registered one at the first few retries. Every other failure
 * counts towards `maxFailures`.
 */
export function callsForBan(failures: readonly Failure[], exempt: ReadonlySet<string>, settings: Pick<SecuritySettings, 'maxFailures' | 'maxFailuresRegistered'>): boolean {
  if (failures.length >= settings.maxFailuresRegistered) return true;
  const others = failures.filter((f) => f.account === undefined || !exempt.has(f.account)).length;
  return others >= settings.maxFailures;
}

/** The accounts the failures name that the address has authenticated as (the only ones a contact lookup can exempt). */
export function accountsToCheck(failures: readonly Failure[], authenticated: ReadonlySet<string>): Set<string> {
  return new Set(failures.flatMap((f) => (f.account !== undefined && authenticated.has(f.account) ? [f.account] : [])));
}

/** Whether an ended ban still makes the next one a repeat. */
export function remembered(ban: Ban, now: number, settings: Pick<SecuritySettings, 'rememberSeconds'>): boolean {
  return ban.until + settings.rememberSeconds * 1000 > now;
}

/** How long the ban with `repeat` earlier ones lasts, in seconds: banSeconds × repeatFactor^repeat, at most maxBanSeconds. */
export function banSeconds(repeat: number, settings: Pick<SecuritySettings, 'banSeconds' | 'repeatFactor' | 'maxBanSeconds'>): number {
  return Math.min(settings.banSeconds * settings.repeatFactor ** repeat, settings.maxBanSeconds);
}

/**
 * The ban for `address` now, after `failures`; `previous` is its last ban if the guard still
 * remembers one (an active one is never passed: an active ban is not banned again).
 */
export function banFor(
  address: string,
  failures: readonly Failure[],
  previous: Ban | undefined,
  registered: boolean,
  now: number,
  settings: Pick<SecuritySettings, 'banSeconds' | 'repeatFactor' | 'maxBanSeconds' | 'rememberSeconds'>,
): Ban {
  const repeat = previous && remembered(previous, now, settings) ? previous.repeat + 1 : 0;
  const events: Record<string, number> = {};
  const accounts: string[] = [];
  for (const f of failures) {
    events[f.event] = (events[f.event] ?? 0) + 1;
    if (f.account !== undefined && !accounts.includes(f.account) && accounts.length < MAX_ACCOUNTS) accounts.push(f.account);
  }
  return { address, since: now, until: now + banSeconds(repeat, settings) * 1000, failures: failures.length, repeat, events, accounts, registered };
}
