import { Hono, type MiddlewareHandler } from 'hono';
import { AppError, errorBody } from '../../errors.js';
import type { AppEnv } from '../../http/app-env.js';
import { say } from '../../http/language.js';

/** Prometheus' media type of the text format. */
const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * GET /metrics in Prometheus' text format, outside /api/v1 where scrapers look for it, behind the
 * same authentication as the API: a bearer token (an API token of any role: operator is enough,
 * the numbers are what the dashboard shows) or a session, but not one whose one-time password
 * must be changed first (as everywhere in the API).
 */
export function metricsRouter(metrics: (() => Promise<string>) | undefined, authenticate: MiddlewareHandler<AppEnv>) {
  const router = new Hono<AppEnv>();
  router.get('/metrics', authenticate, async (c) => {
    if (c.get('actor').session?.mustChangePassword) {
      const refusal = new AppError('forbidden', say({ de: 'Bitte zuerst ein eigenes Passwort setzen', en: 'please set a password of your own first' }), { reason: 'password-change-required' });
      return c.json(errorBody(refusal), refusal.status);
    }
    // Only the spec generator and unit tests build the app without the alerts.
    if (!metrics) return c.text('# no metrics: the server runs without its alerts\n', 200, { 'content-type': CONTENT_TYPE });
    return c.body(await metrics(), 200, { 'content-type': CONTENT_TYPE });
  });
  return router;
}
