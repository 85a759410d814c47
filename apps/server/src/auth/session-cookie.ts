import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';

/** The session cookie's name. */
export const SESSION_COOKIE = 'swf_session';

/**
 * Whether the browser keeps a Secure cookie from this request: over HTTPS (the server's own TLS
 * port, or said by a trusted proxy: `secureRequest`), and on a loopback host, which browsers treat
 * as a secure context. A plain HTTP address on the LAN gets the cookie without Secure, or no login
 * would work there at all; the server warns of it at the login (the HTTPS port is the fix).
 */
export function cookieMayBeSecure(c: Context, secureRequest: boolean): boolean {
  if (secureRequest) return true;
  const host = new URL(c.req.url).hostname;
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '[::1]';
}

/** Sets the session cookie: httpOnly (no script reads it), SameSite=Strict, Secure where it can be, path /. */
export function setSessionCookie(c: Context, id: string, expiresAt: string, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, id, { httpOnly: true, secure, sameSite: 'Strict', path: '/', expires: new Date(expiresAt) });
}
