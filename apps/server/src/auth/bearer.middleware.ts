import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { say } from '../http/language.js';
import type { TokenVerifier } from './verifier.js';

/** Requires `Authorization: Bearer <token>`; 401 with no detail otherwise. Sets `actor`. */
export function bearerAuth(verify: TokenVerifier): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const who = match ? await verify(match[1]!) : undefined;
    if (!who) {
      const message = say({ de: 'Nicht angemeldet: Das Admin-Token fehlt oder ist ungültig', en: 'unauthorized' });
      return c.json({ error: { code: 'unauthorized', message } }, 401);
    }
    c.set('actor', who);
    await next();
  };
}
