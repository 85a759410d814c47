import { describe, expect, it } from 'vitest';
import { networkMatcher, normaliseAddress, parseNetwork, remoteAddressOf } from './addresses.js';

describe('addresses', () => {
  it('normalises IPv4, IPv6 and IPv4-mapped IPv6, and refuses the rest', () => {
    expect(normaliseAddress(' 127.0.0.23 ')).toBe('127.0.0.23');
    expect(normaliseAddress('2001:DB8:0:0::1')).toBe('2001:db8::1');
    expect(normaliseAddress('::ffff:192.0.2.7')).toBe('192.0.2.7');
    for (const bad of ['', 'localhost', '127.0.0.256', '1.2.3', 'fe80::1%eth0', '127.0.0.1/32', '; deny = 0.0.0.0/0']) expect(normaliseAddress(bad), bad).toBeUndefined();
  });

  it("reads the source of Asterisk's RemoteAddress field", () => {
    expect(remoteAddressOf('IPV4/UDP/127.0.0.23/5999')).toEqual({ address: '127.0.0.23', transport: 'UDP', port: 5999 });
    expect(remoteAddressOf('IPV6/TCP/2001:db8::1/5060')).toEqual({ address: '2001:db8::1', transport: 'TCP', port: 5060 });
    expect(remoteAddressOf('IPV4/UDP/not-an-ip/5060')).toBeUndefined();
    expect(remoteAddressOf(undefined)).toBeUndefined();
  });

  it('parses networks and matches addresses against them', () => {
    expect(parseNetwork('192.168.0.0/16')).toEqual({ address: '192.168.0.0', prefix: 16, family: 'ipv4' });
    expect(parseNetwork('203.0.113.9')).toEqual({ address: '203.0.113.9', prefix: 32, family: 'ipv4' });
    expect(parseNetwork('fc00::/7')).toEqual({ address: 'fc00::', prefix: 7, family: 'ipv6' });
    for (const bad of ['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/8/1', 'fc00::/129', 'lan']) expect(parseNetwork(bad), bad).toBeUndefined();
    const lan = networkMatcher(['10.0.0.0/8', '192.168.0.0/16', 'fc00::/7', 'garbage']);
    expect([lan('10.1.2.3'), lan('192.168.9.9'), lan('fd12::1'), lan('::ffff:10.0.0.1')]).toEqual([true, true, true, true]);
    expect([lan('11.0.0.1'), lan('127.0.0.23'), lan('2001:db8::1'), lan('nonsense')]).toEqual([false, false, false, false]);
  });
});
