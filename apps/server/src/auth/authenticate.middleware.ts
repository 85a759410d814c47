import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { AppError, errorBody } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { say } from '../http/language.js';
import type { FailureLimiter } from './failure-limiter.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { findSession } from './sessions.repository.js';
import type { TokenVerifier } from './verifier.js';

/** The per-address limit on failed authentications (the API's and the login's) and how a request's address is found. */
export interface AuthLimits {
  limiter: FailureLimiter;
  addressOf: (c: Context<AppEnv>) => string;
}

/** The header a cookie-authenticated write must carry: the session's CSRF token (GET /auth/session, POST /auth/login). */
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** 429 with Retry-After while the address is refused; undefined when it may try. */
export function refusedAddress(c: Context<AppEnv>, limits: AuthLimits, address: string): Response | undefined {
  const wait = limits.limiter.retryAfterSeconds(address);
  if (wait <= 0) return undefined;
  const refused = new AppError(
    'too-many-requests',
    say({
      de: `Zu viele fehlgeschlagene Anmeldungen von dieser Adresse; bitte in ${wait} s erneut versuchen`,
      en: `too many failed authentications from this address; try again in ${wait} s`,
    }),
    { retryAfterSeconds: wait },
  );
  c.header('retry-after', String(wait));
  return c.json(errorBody(refused), refused.status);
}

/** Counts a failed authentication of `address` (and says so in the log when it reached the limit). */
export function countFailure(limits: AuthLimits, address: string): void {
  if (limits.limiter.fail(address)) {
    const { limit, windowMs } = limits.limiter;
    console.warn(`[auth] ${limit} failed authentications from ${address} within ${windowMs / 1000} s: refused (429) until the window has passed`);
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who is calling: `Authorization: Bearer <token>` (an API token, the admin token, a NAS token), or
 * else the session cookie of a logged-in person. 401 with no detail otherwise. Sets `actor`.
 *
 * A cookie-authenticated write (any method but GET/HEAD/OPTIONS) must carry the session's CSRF
 * token in `X-CSRF-Token` (403 otherwise): the cookie is SameSite=Strict already, and the token is
 * the second lock for browsers or proxies that do not keep to it. A bearer needs no CSRF token:
 * a browser never sends one on its own.
 *
 * Every 401 counts against the request's address; once an address has `limiter.limit` of them
 * within the window, its requests get 429 with `Retry-After` until the window has passed, before
 * any check, so that a guesser costs neither a database query nor a round trip to the NAS
 * (nasVerifier). Accepted requests never count.
 */
export function authenticate(db: Kysely<Database>, verify: TokenVerifier, limits: AuthLimits): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const address = limits.addressOf(c);
    const refused = refusedAddress(c, limits, address);
    if (refused) return refused;
    const unauthorized = () => {
      countFailure(limits, address);
      const message = say({ de: 'Nicht angemeldet: Anmeldung oder Token fehlt oder ist ungültig', en: 'unauthorized' });
      return c.json({ error: { code: 'unauthorized', message } }, 401);
    };
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const holder = match ? await verify(match[1]!) : undefined;
      if (!holder) return unauthorized();
      c.set('actor', { ...holder, address });
      return next();
    }
    const sessionId = getCookie(c, SESSION_COOKIE);
    const session = sessionId ? await findSession(db, sessionId) : undefined;
    if (!session) {
      if (sessionId) deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return unauthorized();
    }
    if (!SAFE_METHODS.has(c.req.method) && !sameSecret(c.req.header(CSRF_HEADER) ?? '', session.csrfToken)) {
      const refusal = new AppError(
        'forbidden',
        say({
          de: 'Der CSRF-Schutz fehlt: Schreibende Anfragen mit Sitzungs-Cookie brauchen den Header X-CSRF-Token der Sitzung',
          en: 'CSRF protection missing: writes with the session cookie need the session\'s X-CSRF-Token header',
        }),
        { reason: 'csrf' },
      );
      return c.json(errorBody(refusal), refusal.status);
    }
    const { user } = session;
    c.set('actor', {
      kind: 'user',
      name: user.username,
      role: user.role,
      address,
      userId: user.id,
      session: { idHash: session.idHash, csrfToken: session.csrfToken, mustChangePassword: user.mustChangePassword },
    });
    return next();
  };
}
