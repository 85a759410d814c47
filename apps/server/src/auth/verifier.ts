import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { Role } from './roles.js';
import { findToken, hashToken, touchToken } from './tokens.repository.js';

/** What a token check finds out: whose token it is and what it may do, or undefined when it is not valid. */
export type Verifier<T> = (token: string) => Promise<T | undefined>;

/** The holder of a valid bearer token. */
export interface TokenHolder {
  kind: 'token' | 'nas';
  name: string;
  role: Role;
}

export type TokenVerifier = Verifier<TokenHolder>;

/** Tokens stored (hashed) in our own database; an accepted one has its last use noted. */
export function localVerifier(db: Kysely<Database>): TokenVerifier {
  return async (token) => {
    const found = await findToken(db, token);
    if (!found) return undefined;
    await touchToken(db, found.id);
    return { kind: 'token', name: found.name, role: found.role };
  };
}

/**
 * Tokens issued by the StumpfWorks NAS: `POST ${nasApiUrl}/api/v1/auth/verify` with the token as
 * bearer; a 2xx answer accepts it (the body may name the user in `user`/`username`/`sub`).
 * Any other answer, or a network failure, refuses it.
 */
export function nasVerifier(nasApiUrl: string, fetchFn: typeof fetch = fetch, timeoutMs = 3000): Verifier<string> {
  const url = `${nasApiUrl.replace(/\/+$/, '')}/api/v1/auth/verify`;
  return async (token) => {
    let response: Response;
    try {
      response = await fetchFn(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      console.warn(`[auth] NAS verify at ${url} failed: ${(error as Error).message}`);
      return undefined;
    }
    if (!response.ok) return undefined;
    const body = (await response.json().catch((error: Error) => {
      console.warn(`[auth] NAS verify answered non-JSON: ${error.message}`);
      return {};
    })) as Record<string, unknown>;
    const name = [body.user, body.username, body.sub].find((v) => typeof v === 'string') as string | undefined;
    return `nas:${name ?? 'user'}`;
  };
}

/**
 * A NAS-confirmed token as a holder: admin, as before roles (the NAS confirms its own
 * administrators' tokens; it has no say in our roles).
 */
export function nasHolder(verify: Verifier<string>): TokenVerifier {
  return async (token) => {
    const name = await verify(token);
    return name ? { kind: 'nas', name, role: 'admin' } : undefined;
  };
}

/** Tries each verifier in order; the first that knows the token wins. */
export function anyVerifier<T>(...verifiers: Verifier<T>[]): Verifier<T> {
  return async (token) => {
    for (const verify of verifiers) {
      const who = await verify(token);
      if (who) return who;
    }
    return undefined;
  };
}

/** A verifier with a memory; `forget` drops a token by its sha256 (a revoked one stops at once). */
export type CachedVerifier<T> = Verifier<T> & { forget(tokenHash: string): void };

/**
 * Remembers accepted tokens for `ttlMs` (default 10 s), so a burst of requests checks a token
 * once, not once per request (a database query, or a round trip to the NAS).
 * - Keyed by the token's sha256, so the cache holds no token in clear.
 * - Only acceptances are kept: a refused token is checked again every time, and a flood of wrong
 *   tokens cannot fill the cache.
 * - A token revoked here is forgotten at once (`forget`); one revoked elsewhere (the NAS) stops
 *   working within `ttlMs`; at most `max` tokens are kept (oldest dropped).
 */
export function cachedVerifier<T>(verify: Verifier<T>, options: { ttlMs?: number; max?: number; now?: () => number } = {}): CachedVerifier<T> {
  const ttlMs = options.ttlMs ?? 10_000;
  const max = options.max ?? 1000;
  const now = options.now ?? Date.now;
  const accepted = new Map<string, { who: T; until: number }>();
  const cached = async (token: string) => {
    const key = hashToken(token);
    const hit = accepted.get(key);
    if (hit && hit.until > now()) return hit.who;
    accepted.delete(key);
    const who = await verify(token);
    if (who) {
      if (accepted.size >= max) accepted.delete(accepted.keys().next().value!);
      accepted.set(key, { who, until: now() + ttlMs });
    }
    return who;
  };
  return Object.assign(cached, { forget: (tokenHash: string) => void accepted.delete(tokenHash) });
}
