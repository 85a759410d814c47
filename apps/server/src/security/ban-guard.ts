import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { SecuritySettings } from '../settings/security.settings.js';
import type { BanEnforcer, Enforcement } from './ban-enforcer.js';
import { networkMatcher } from './addresses.js';
import { accountsToCheck, banFor, callsForBan, recentFailures, remembered, type Ban, type Failure } from './ban-policy.js';
import { forgetAddress, insertFailure, loadBans, loadFailures, pruneSecurity, saveBan } from './bans.repository.js';
import type { LiveContact } from './contacts.js';
import { LoginMemory } from './login-memory.js';
import type { EnforcedBan } from './nft-script.js';
import type { SecurityEvent } from './security-event.js';

/** What became of one security event. */
export type EventOutcome = 'counted' | 'banned' | 'exempt' | 'allowlisted' | 'already-banned' | 'disabled' | 'success';

/** One security event as the dashboard lists it. */
export interface RecentEvent {
  time: number;
  event: string;
  address: string;
  account?: string;
  outcome: EventOutcome;
}

/**
 * A ban as the API shows it: `enforced` once an enforcement refuses the address, since
 * `enforcedAt` (ms, the first of them); `enforcedBy` says which refuse it now, each since when.
 */
export interface BanView extends Ban {
  enforced: boolean;
  enforcedAt?: number;
  enforcedBy: Partial<Record<Enforcement, number>>;
}

export interface BanGuardDeps {
  db: Kysely<Database>;
  /** The ways the bans are put live (the ACL; the kernel's drop when the server may set it), applied side by side. */
  enforcers: readonly BanEnforcer[];
  /** The contacts Asterisk holds now (AMI); for the registered-contact rule. */
  contacts: () => Promise<LiveContact[]>;
  /** The security settings as stored now. */
  settings: () => Promise<SecuritySettings>;
  now?: () => number;
  log?: (line: string) => void;
  /** How often old failures, forgotten bans and old logins are dropped and the bans applied again (default 60 s). */
  pruneMs?: number;  /** Told of every new ban once it is stored (the audit log records it). */
  onBan?: (ban: Ban) => void;
}

const RECENT_MAX = 200;
/** Bounds of the in-memory state, which a flood from many addresses must not grow without end. */
const MAX_ADDRESSES = 50_000;
/** setTimeout's longest wait. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The SIP brute-force guard: counts the failed authentications Asterisk reports per source
 * address and bans an address that fails too often (ban-policy.ts decides; this class performs).
 * Every event, lift, expiry and settings change runs in one queue, in order. Bans and failures are
 * stored as they happen, so a restart loses neither; the enforcements (the ACL, and the kernel's
 * drop where the server may set it) are applied beside the queue, so that events keep being counted
 * while Asterisk reloads. No enforcement ever gets an allowlisted address (enforceable()).
 */
export class BanGuard {
  private readonly failures = new Map<string, Failure[]>();
  /** Active and remembered bans by address. */
  private readonly bans = new Map<string, Ban>();
  private readonly logins = new LoginMemory(MAX_ADDRESSES);
  private readonly recentEvents: RecentEvent[] = [];
  /** By enforcement: when this process saw it take each address it refuses now. */
  private readonly enforcedAt = new Map<Enforcement, Map<string, number>>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Failure writes not finished yet (stop waits for them). */
  private readonly writes = new Set<Promise<void>>();
  private settings!: SecuritySettings;
  private allowlisted: (address: string) => boolean = () => false;
  private expiryTimer: NodeJS.Timeout | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(private readonly deps: BanGuardDeps) {
    this.now = deps.now ?? Date.now;
    this.log = deps.log ?? (() => undefined);
    for (const enforcer of deps.enforcers) this.enforcedAt.set(enforcer.kind, new Map());
  }

  /**
   * Reads the settings, the stored bans and failures (lifting stored bans of networks allowlisted
   * meanwhile), and puts the active bans live. Every prune applies them again: the ACL only when
   * they changed, the kernel's table always (another firewall tool may have flushed it).
   */
  async start(): Promise<void> {
    await this.loadSettings();
    for (const ban of await loadBans(this.deps.db)) this.bans.set(ban.address, ban);
    for (const [address, list] of await loadFailures(this.deps.db, this.now() - this.settings.findSeconds * 1000)) this.failures.set(address, list);
    await this.liftAllowlisted();
    this.scheduleExpiry();
    this.pruneTimer = setInterval(
      () =>
        void this.enqueue(() => this.prune())
          .then(() => this.enforce())
          .catch((error: Error) => this.log(`[security] pruning failed: ${error.message}`)),
      this.deps.pruneMs ?? 60_000,
    );
    this.pruneTimer.unref();
    void this.enforce();
  }

  /** The enforcements in use, e.g. ['acl', 'kernel']; none without Asterisk. */
  enforcement(): Enforcement[] {
    return this.deps.enforcers.map((e) => e.kind);
  }

  async stop(): Promise<void> {
    clearTimeout(this.expiryTimer);
    clearInterval(this.pruneTimer);
    await this.queue;
    await Promise.all(this.writes);
  }

  /** Counts one event; resolves once it is stored and judged (the enforcements follow on their own). */
  handle(event: SecurityEvent): Promise<EventOutcome> {
    return this.enqueue(() => this.judge(event));
  }

  /** Lifts an active ban: forgets the address and takes it out of every enforcement. */
  async lift(address: string): Promise<{ lifted: boolean; live: boolean }> {
    const lifted = await this.enqueue(async () => {
      const ban = this.bans.get(address);
      if (!ban || !(this.isActive(ban) || this.isLive(address))) return false;
      this.bans.delete(address);
      this.failures.delete(address);
      await forgetAddress(this.deps.db, address);
      this.log(`[security] ${address} lifted`);
      return true;
    });
    return { lifted, live: lifted ? await this.enforce() : true };
  }

  /** The settings changed: re-read them; active bans inside a network now allowlisted are lifted. */
  settingsChanged(): Promise<void> {
    return this.enqueue(async () => {
      await this.loadSettings();
      if (await this.liftAllowlisted()) void this.enforce();
    });
  }

  /** Asterisk answers again: reload the ACL if the last reload failed (and replace the kernel's table). */
  resync(): void {
    void this.enforce();
  }

  /** Active bans, and ended or lifted ones an enforcement still refuses (until its next apply), oldest first. */
  list(): BanView[] {
    return [...this.bans.values()]
      .filter((b) => this.isActive(b) || this.isLive(b.address))
      .sort((a, b) => a.since - b.since || a.address.localeCompare(b.address))
      .map((b) => {
        const enforcedBy: Partial<Record<Enforcement, number>> = {};
        for (const [kind, times] of this.enforcedAt) {
          const at = times.get(b.address);
          if (at !== undefined) enforcedBy[kind] = at;
        }
        const times = Object.values(enforcedBy);
        return { ...b, enforced: times.length > 0, ...(times.length > 0 ? { enforcedAt: Math.min(...times) } : {}), enforcedBy };
      });
  }

  /** The latest events, newest first. */
  recent(): RecentEvent[] {
    return [...this.recentEvents].reverse();
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    // The caller gets the error; the next task runs either way.
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async loadSettings(): Promise<void> {
    this.settings = await this.deps.settings();
    this.allowlisted = networkMatcher(this.settings.allowlist);
  }

  private isActive(ban: Ban): boolean {
    return ban.until > this.now();
  }

  /** Whether an enforcement refuses the address now. */
  private isLive(address: string): boolean {
    return this.deps.enforcers.some((e) => e.live().has(address));
  }

  /** Forgets the active bans of allowlisted addresses; true when there were any. */
  private async liftAllowlisted(): Promise<boolean> {
    const freed = [...this.bans.values()].filter((b) => this.isActive(b) && this.allowlisted(b.address));
    for (const ban of freed) {
      this.bans.delete(ban.address);
      await forgetAddress(this.deps.db, ban.address);
      this.log(`[security] ${ban.address} lifted: its network is allowlisted`);
    }
    return freed.length > 0;
  }

  private note(event: SecurityEvent, outcome: EventOutcome): EventOutcome {
    this.recentEvents.push({ time: event.time, event: event.event, address: event.address, ...(event.account !== undefined ? { account: event.account } : {}), outcome });
    if (this.recentEvents.length > RECENT_MAX) this.recentEvents.shift();
    return outcome;
  }

  private async judge(event: SecurityEvent): Promise<EventOutcome> {
    const now = this.now();
    const address = event.address;
    if (event.kind === 'success') {
      if (event.account !== undefined && event.session !== undefined) this.logins.remember(address, event.account, event.session, now);
      return this.note(event, 'success');
    }
    const settings = this.settings;
    if (!settings.enabled) return this.note(event, 'disabled');
    const previous = this.bans.get(address);
    // Asterisk answers requests it already had in hand before the ACL reload.
    if (previous && this.isActive(previous)) return this.note(event, 'already-banned');
    if (this.allowlisted(address)) return this.note(event, 'allowlisted');

    const failure: Failure = { time: now, event: event.event, ...(event.account !== undefined ? { account: event.account } : {}) };
    const failures = recentFailures([...(this.failures.get(address) ?? []), failure], now, settings);
    this.failures.delete(address); // re-inserted last: the map's order is the order of the latest failure
    this.failures.set(address, failures);
    this.bound();
    if (failures.length < settings.maxFailures) {
      this.store(address, failure);
      return this.note(event, 'counted');
    }

    // Only accounts the address has logged in as can be exempt; if the other failures call for a
    // ban on their own, no contact lookup is needed (the attacker's case).
    const candidates = accountsToCheck(failures, this.logins.accounts(address, now));
    const othersSuffice = callsForBan(failures, candidates, { maxFailures: settings.maxFailures, maxFailuresRegistered: Infinity });
    const exempt = candidates.size > 0 && !othersSuffice ? await this.registeredFrom(address, candidates, now) : new Set<string>();
    if (!callsForBan(failures, exempt, settings)) {
      this.store(address, failure);
      return this.note(event, 'exempt');
    }

    const ban = banFor(address, failures, previous, exempt.size > 0, now, settings);
    this.bans.set(address, ban);
    this.failures.delete(address);
    // The enforcements first: storing the ban (and dropping the failures it ends) is not what the attacker waits for.
    void this.enforce();
    await saveBan(this.deps.db, ban);
    this.log(
      `[security] banned ${address} for ${Math.round((ban.until - ban.since) / 1000)} s after ${ban.failures} failures (${Object.entries(ban.events)
        .map(([e, n]) => `${e} ×${n}`)
        .join(', ')}), repeat ${ban.repeat}`,
    );
    this.deps.onBan?.(ban);
    this.scheduleExpiry();
    return this.note(event, 'banned');
  }

  /**
   * Stores a failure without waiting for it: the one SQLite connection runs the writes in the order
   * they were asked for (a later saveBan or forgetAddress comes after it), and the next event need
   * not wait for the disk. A failed write is logged; the count in memory stands.
   */
  private store(address: string, failure: Failure): void {
    const write = insertFailure(this.deps.db, address, failure)
      .catch((error: Error) => this.log(`[security] storing a failure of ${address} failed: ${error.message}`))
      .finally(() => this.writes.delete(write));
    this.writes.add(write);
  }

  /**
   * The accounts of `candidates` with a contact registered from `address` now: a live contact of
   * the account whose REGISTER dialog (Call-ID) authenticated from this address. Asterisk's view
   * of the contact's address (Via, Contact URI) is what the phone wrote, a private address behind
   * NAT; the Call-ID ties it to the source Asterisk saw. When AMI cannot answer, every candidate
   * counts as registered: a lookup failure must not cut off a phone (maxFailuresRegistered still bans).
   */
  private async registeredFrom(address: string, candidates: Set<string>, now: number): Promise<Set<string>> {
    let contacts: LiveContact[];
    try {
      contacts = await this.deps.contacts();
    } catch (error) {
      this.log(`[security] contact lookup for ${address} failed (${(error as Error).message}); counting its logins as registered`);
      return candidates;
    }
    return new Set(contacts.filter((c) => c.expires > now && candidates.has(c.endpoint) && this.logins.authenticated(address, c.endpoint, c.callId)).map((c) => c.endpoint));
  }

  /**
   * What the enforcements get: the active bans, never one of an allowlisted address (the guard
   * does not ban those, and lifts the ones a new allowlist covers; this is the last check).
   */
  private enforceable(): EnforcedBan[] {
    return [...this.bans.values()].filter((b) => this.isActive(b) && !this.allowlisted(b.address)).map((b) => ({ address: b.address, until: b.until }));
  }

  /** Puts the active bans live in every enforcement at once; true once all of them run them (false without any). */
  private async enforce(): Promise<boolean> {
    const bans = this.enforceable();
    const done = await Promise.all(
      this.deps.enforcers.map(async (enforcer) => {
        const ok = await enforcer.apply(bans);
        this.noteLive(enforcer);
        return ok;
      }),
    );
    return done.length > 0 && done.every(Boolean);
  }

  /** Records when an enforcement took each address it refuses now (each as soon as its own apply returned). */
  private noteLive(enforcer: BanEnforcer): void {
    const live = enforcer.live();
    const times = this.enforcedAt.get(enforcer.kind)!;
    const now = this.now();
    for (const address of live) if (!times.has(address)) times.set(address, now);
    for (const address of [...times.keys()]) if (!live.has(address)) times.delete(address);
  }

  /** One timer for the next ban to end; when it fires, the ended bans leave the enforcements. */
  private scheduleExpiry(): void {
    clearTimeout(this.expiryTimer);
    const now = this.now();
    const next = Math.min(...[...this.bans.values()].filter((b) => b.until > now).map((b) => b.until));
    if (!Number.isFinite(next)) return;
    this.expiryTimer = setTimeout(
      () =>
        void this.enqueue(async () => {
          this.scheduleExpiry();
          if (this.now() < next) return; // the timer's longest wait, or an early wake
          const ended = [...this.bans.values()].filter((b) => !this.isActive(b) && this.isLive(b.address));
          for (const ban of ended) this.log(`[security] ban of ${ban.address} ended`);
          void this.enforce();
        }).catch((error: Error) => this.log(`[security] ending bans failed: ${error.message}`)),
      Math.min(next - now, MAX_TIMER_MS),
    );
    this.expiryTimer.unref();
  }

  /** Drops failures outside the window, bans no longer remembered and old logins, in memory and stored. */
  private async prune(): Promise<void> {
    const now = this.now();
    for (const [address, list] of this.failures) {
      const recent = recentFailures(list, now, this.settings);
      if (recent.length === 0) this.failures.delete(address);
      else this.failures.set(address, recent);
    }
    for (const [address, ban] of this.bans) {
      if (!this.isActive(ban) && !remembered(ban, now, this.settings) && !this.isLive(address)) this.bans.delete(address);
    }
    this.logins.prune(now);
    await pruneSecurity(this.deps.db, now - this.settings.findSeconds * 1000, now - this.settings.rememberSeconds * 1000);
  }

  /** Keeps the failures bounded: the addresses whose latest failure is oldest go first. */
  private bound(): void {
    while (this.failures.size > MAX_ADDRESSES) this.failures.delete(this.failures.keys().next().value!);
  }
}
