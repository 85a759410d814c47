import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.js';

/** The address clientAddress finds for a request from TCP peer `peer` with `headers`. */
async function addressOf(peer: string | undefined, headers: Record<string, string> = {}, trusted: string[] = []): Promise<string> {
  const app = new Hono();
  app.get('/', (c) => c.text(clientAddress(c, new Set(trusted))));
  const env = peer === undefined ? undefined : { incoming: { socket: { remoteAddress: peer } } };
  return (await app.request('/', { headers }, env)).text();
}

describe('clientAddress', () => {
  it('is the TCP peer, IPv4-mapped IPv6 as IPv4', async () => {
    expect(await addressOf('192.0.2.7')).toBe('192.0.2.7');
    expect(await addressOf('::ffff:192.0.2.7')).toBe('192.0.2.7');
  });

  it('counts IPv6 by its /64', async () => {
    expect(await addressOf('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(await addressOf('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(await addressOf('::1')).toBe('0:0:0:0::/64');
    expect(await addressOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy (anyone can send it)', async () => {
    expect(await addressOf('192.0.2.7', { 'x-forwarded-for': '203.0.113.9' })).toBe('192.0.2.7');
    expect(await addressOf('192.0.2.7', { 'x-forwarded-for': '203.0.113.9' }, ['127.0.0.1'])).toBe('192.0.2.7');
  });

  it('takes the right-most untrusted X-Forwarded-For hop behind trusted proxies', async () => {
    const trusted = ['127.0.0.1', '10.0.0.2'];
    // What the client wrote itself (198.51.100.1) is left of what the proxies added.
    expect(await addressOf('127.0.0.1', { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' }, trusted)).toBe('203.0.113.9');
    expect(await addressOf('127.0.0.1', { 'x-forwarded-for': '203.0.113.9, 10.0.0.2' }, trusted)).toBe('203.0.113.9');
    expect(await addressOf('::ffff:127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }, trusted)).toBe('203.0.113.9');
    // Garbage in the header is skipped; a proxy without the header stays the address.
    expect(await addressOf('127.0.0.1', { 'x-forwarded-for': '203.0.113.9, not-an-ip' }, trusted)).toBe('203.0.113.9');
    expect(await addressOf('127.0.0.1', {}, trusted)).toBe('127.0.0.1');
  });

  it('is "unknown" without a socket (app.request in tests)', async () => {
    expect(await addressOf(undefined)).toBe('unknown');
  });
});
