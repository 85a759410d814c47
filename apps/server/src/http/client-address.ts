import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import type { Context } from 'hono';

/**
 * The address a request came from, as the key for per-address limits: the TCP peer, unless the
 * peer is one of `trustedProxies` (a reverse proxy in front of the server, e.g. the NAS's), then
 * the right-most `X-Forwarded-For` entry that is not a trusted proxy. A client can write anything
 * into that header, so it is believed only from a proxy the admin named.
 *
 * IPv4-mapped IPv6 (`::ffff:192.0.2.1`) counts as the IPv4 address; other IPv6 addresses count by
 * their /64, the block one host usually has to itself.
 */
export function clientAddress(c: Context, trustedProxies: ReadonlySet<string>): string {
  // @hono/node-server passes the Node request as `env.incoming`; app.request() in tests has none.
  const peer = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress;
  if (!peer) return 'unknown';
  let address = normalize(peer);
  if (trustedProxies.has(address)) {
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((hop) => normalize(hop.trim()))
      .filter((hop) => isIPv4(hop) || isIPv6(hop));
    while (forwarded.length > 0 && trustedProxies.has(address)) address = forwarded.pop()!;
  }
  return limitKey(address);
}

/** `::ffff:192.0.2.1` -> `192.0.2.1`; anything else as given. */
function normalize(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** IPv4 as is; IPv6 as its /64 (`2001:db8:1:2::/64`). */
function limitKey(address: string): string {
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address (without a zone), `::` filled in. */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => parseInt(g, 16).toString(16));
}

/** Whether a trusted proxy (the TCP peer is one of `trustedProxies`) says the client came over HTTPS (`X-Forwarded-Proto`). */
export function forwardedHttps(c: Context, trustedProxies: ReadonlySet<string>): boolean {
  const peer = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress;
  if (!peer || !trustedProxies.has(normalize(peer))) return false;
  return (c.req.header('x-forwarded-proto') ?? '').split(',')[0]!.trim().toLowerCase() === 'https';
}

/**
 * Whether the request came over the server's own TLS listener (the socket, not the URL: a client
 * may send an absolute `https://...` request target over plain HTTP, and @hono/node-server then
 * builds the URL from it).
 */
export function overTls(c: Context): boolean {
  const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket as { encrypted?: boolean } | undefined;
  return socket?.encrypted === true;
}
