/** Kept per address: at most this many accounts, and this many SIP dialogs (Call-IDs) per account. */
const MAX_PER_ADDRESS = 8;
/** A login older than this is forgotten (longer than any registration lasts without a refresh). */
const MEMORY_MS = 24 * 3600_000;

/**
 * Which accounts each address has authenticated as, in which SIP dialogs (Asterisk's SuccessfulAuth
 * events): the evidence that a contact Asterisk holds was registered from that address. Bounded:
 * the least recently seen address, account and dialog go first.
 */
export class LoginMemory {
  /** address → account → Call-ID → time of the last successful authentication (ms). */
  private readonly byAddress = new Map<string, Map<string, Map<string, number>>>();

  constructor(private readonly maxAddresses = 50_000) {}

  remember(address: string, account: string, callId: string, now: number): void {
    const accounts = this.byAddress.get(address) ?? new Map<string, Map<string, number>>();
    const sessions = accounts.get(account) ?? new Map<string, number>();
    // Deleted and set again, so that each map's order is the order of the latest login.
    sessions.delete(callId);
    sessions.set(callId, now);
    if (sessions.size > MAX_PER_ADDRESS) sessions.delete(sessions.keys().next().value!);
    accounts.delete(account);
    accounts.set(account, sessions);
    if (accounts.size > MAX_PER_ADDRESS) accounts.delete(accounts.keys().next().value!);
    this.byAddress.delete(address);
    this.byAddress.set(address, accounts);
    while (this.byAddress.size > this.maxAddresses) this.byAddress.delete(this.byAddress.keys().next().value!);
  }

  /** The accounts `address` has logged in as lately. */
  accounts(address: string, now: number): Set<string> {
    const accounts = this.byAddress.get(address) ?? new Map<string, Map<string, number>>();
    return new Set([...accounts].filter(([, sessions]) => [...sessions.values()].some((t) => t > now - MEMORY_MS)).map(([account]) => account));
  }

  /** Whether `address` authenticated as `account` in the dialog `callId`. */
  authenticated(address: string, account: string, callId: string): boolean {
    return this.byAddress.get(address)?.get(account)?.has(callId) ?? false;
  }

  /** Forgets logins older than the memory. */
  prune(now: number): void {
    for (const [address, accounts] of this.byAddress) {
      for (const [account, sessions] of accounts) {
        for (const [session, time] of sessions) if (time <= now - MEMORY_MS) sessions.delete(session);
        if (sessions.size === 0) accounts.delete(account);
      }
      if (accounts.size === 0) this.byAddress.delete(address);
    }
  }
}
