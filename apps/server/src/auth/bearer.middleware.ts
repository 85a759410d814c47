import type { Context, MiddlewareHandler } from 'hono';
import { AppError, errorBody } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { say } from '../http/language.js';
import type { FailureLimiter } from './failure-limiter.js';
import type { TokenVerifier } from './verifier.js';

/** The per-address limit on failed authentications and how a request's address is found. */
export interface AuthLimits {
  limiter: FailureLimiter;
  addressOf: (c: Context<AppEnv>) => string;
}

/**
 * Requires `Authorization: Bearer <token>`; 401 with no detail otherwise. Sets `actor`.
 *
 * With `limits`: every 401 counts against the request's address; once an address has
 * `limiter.limit` of them within the window, its requests get 429 with `Retry-After` until the
 * window has passed, before any token check, so that a guesser costs neither a database query nor
 * a round trip to the NAS (nasVerifier). Accepted requests never count.
 */
export function bearerAuth(verify: TokenVerifier, limits?: AuthLimits): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const address = limits?.addressOf(c);
    if (limits && address !== undefined) {
      const wait = limits.limiter.retryAfterSeconds(address);
      if (wait > 0) {
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
    }
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const who = match ? await verify(match[1]!) : undefined;
    if (!who) {
      if (limits && address !== undefined && limits.limiter.fail(address)) {
        const { limit, windowMs } = limits.limiter;
        console.warn(`[auth] ${limit} failed authentications from ${address} within ${windowMs / 1000} s: refused (429) until the window has passed`);
      }
      const message = say({ de: 'Nicht angemeldet: Das Admin-Token fehlt oder ist ungültig', en: 'unauthorized' });
      return c.json({ error: { code: 'unauthorized', message } }, 401);
    }
    c.set('actor', who);
    await next();
  };
}
