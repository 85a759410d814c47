import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { findTokenOwner } from './tokens.repository.js';

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
