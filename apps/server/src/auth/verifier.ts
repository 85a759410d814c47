import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { findTokenOwner, hashToken } from './tokens.repository.js';

/** Who a bearer token belongs to, or undefined when it is not valid. */
export type TokenVerifier = (token: string) => Promise<string | undefined>;

/** Tokens stored (hashed) in our own database. */
export function localVerifier(db: Kysely<Database>): TokenVerifier {
  return (token) => findTokenOwner(db, token);
}

/**
 * Tokens issued by the StumpfWorks NAS: `POST ${nasApiUrl}/api/v1/auth/verify` with the token as
 * bearer; a 2xx answer accepts it (the body may name the user in `user`/`username`/`sub`).
 * Any other answer, or a network failure, refuses it.
 */
export function nasVerifier(nasApiUrl: string, fetchFn: typeof fetch = fetch, timeoutMs = 3000): TokenVerifier {
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

/** Tries each verifier in order; the first that knows the token wins. */
export function anyVerifier(...verifiers: TokenVerifier[]): TokenVerifier {
  return async (token) => {
    for (const verify of verifiers) {
      const who = await verify(token);
      if (who) return who;
    }
    return undefined;
  };
}

/**
 * Remembers accepted tokens for `ttlMs` (default 10 s), so a burst of requests checks a token
 * once, not once per request (a database query, or a round trip to the NAS).
 * - Keyed by the token's sha256, so the cache holds no token in clear.
 * - Only acceptances are kept: a refused token is checked again every time, and a flood of wrong
 *   tokens cannot fill the cache.
 * - A revoked token stops working within `ttlMs`; at most `max` tokens are kept (oldest dropped).
 */
export function cachedVerifier(verify: TokenVerifier, options: { ttlMs?: number; max?: number; now?: () => number } = {}): TokenVerifier {
  const ttlMs = options.ttlMs ?? 10_000;
  const max = options.max ?? 1000;
  const now = options.now ?? Date.now;
  const accepted = new Map<string, { who: string; until: number }>();
  return async (token) => {
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
}
