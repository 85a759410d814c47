import type { MiddlewareHandler } from 'hono';
import { overTls } from '../http/client-address.js';

/** What the middleware needs to know, read per request (the setting and the certificate change while the server runs). */
export interface HttpsPolicy {
  /** The HTTPS port the redirect points to; undefined while no HTTPS server listens. */
  port: () => number | undefined;
  /** Whether the certificate served is issued by a CA (not self-signed). */
  trusted: () => boolean;
  /** The `redirectHttp` setting (settings/https.settings.ts). */
  redirect: () => Promise<boolean>;
}

/** 180 days: long enough to matter, short enough that a mistake (a self-signed certificate put back) is survivable. */
export const HSTS = 'max-age=15552000';

/** Paths answered on plain HTTP even with the redirect on: the NAS plugin's health check and API (plugin.json), scripts, and Prometheus's scrape of /metrics (a scraper would not trust the self-signed certificate). */
const PLAIN_HTTP_PATHS = /^\/(health$|metrics$|api\/v1(\/|$))/;

/**
 * Over TLS: HSTS when the certificate is a CA's and the redirect is on. HSTS holds for the host
 * name on every port, so the browser would then also turn http://host:8090 into https://host:8090,
 * which speaks plain HTTP: sent only once the admin has chosen HTTPS for browsers (the redirect),
 * never on a self-signed certificate (the browser would then refuse to let anyone past its warning).
 * Over plain HTTP with the redirect on: 308 to the same host, path and query on the HTTPS port.
 */
export function httpsMiddleware(policy: HttpsPolicy): MiddlewareHandler {
  return async (c, next) => {
    if (overTls(c)) {
      await next();
      if (policy.trusted() && (await policy.redirect())) c.header('Strict-Transport-Security', HSTS);
      return;
    }
    const port = policy.port();
    if (port === undefined || PLAIN_HTTP_PATHS.test(c.req.path) || !(await policy.redirect())) return next();
    const url = new URL(c.req.url);
    url.protocol = 'https:';
    url.port = String(port);
    return c.redirect(url.href, 308);
  };
}
