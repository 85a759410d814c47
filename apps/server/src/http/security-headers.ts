import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The Content-Security-Policy of every answer, the web app's and the API's alike: scripts only
 * from our own files (no inline script, no eval), no framing by any page, no plugins. The app
 * itself needs: its styles and workers from its own files, images and fonts Vite inlined as
 * `data:` URIs, prompt audio played from `blob:` URLs (fetched with the token), and the API on the
 * same origin.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  mediaSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Security headers on every answer (Hono's secureHeaders): the CSP above, `X-Frame-Options: DENY`
 * (frame-ancestors for older browsers), `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy: no-referrer`, Cross-Origin-Opener/Resource-Policy same-origin. HSTS is not
 * set here: only over the server's own TLS with a CA's certificate (tls/https.middleware.ts).
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: false,
  });
}
