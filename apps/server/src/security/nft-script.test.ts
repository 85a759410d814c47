import { describe, expect, it } from 'vitest';
import { nftDuration, renderKernelBans, renderTableRemoval } from './nft-script.js';
import { nftCli } from './nft.js';

const target = { table: 'stumpfworks_voip', ports: [5061, 5060] };
const now = Date.parse('2026-12-06T12:00:00Z');

/** Whether this machine's nft may check a script (root and nft): then the rendered scripts are checked by nft itself. */
const nftChecks = await nftCli()(renderKernelBans(target, [], now), { check: true }).then(
  () => true,
  () => false,
);

describe('renderKernelBans', () => {
  it('declares our table and refills it in one script: IPv4 and IPv6 sets with the rest of each ban as timeout, a counted drop on the SIP ports', () => {
    const script = renderKernelBans(
      target,
      [
        { address: '203.0.113.7', until: now + 900_000 },
        { address: '2001:db8::1', until: now + 7 * 86_400_000 },
        { address: '127.0.0.23', until: now + 1500 },
      ],
      now,
    );
    expect(script).toMatchInlineSnapshot(`
      "# StumpfWorks VoIP: the addresses the SIP brute-force guard has banned, dropped before Asterisk sees them
      table inet stumpfworks_voip {
        counter dropped {
        }
        set banned4 {
          type ipv4_addr
          flags timeout
        }
        set banned6 {
          type ipv6_addr
          flags timeout
        }
        chain input {
          type filter hook input priority filter; policy accept;
        }
      }
      flush chain inet stumpfworks_voip input
      flush set inet stumpfworks_voip banned4
      flush set inet stumpfworks_voip banned6
      add rule inet stumpfworks_voip input meta l4proto { udp, tcp } th dport { 5060, 5061 } ip saddr @banned4 counter name "dropped" drop
      add rule inet stumpfworks_voip input meta l4proto { udp, tcp } th dport { 5060, 5061 } ip6 saddr @banned6 counter name "dropped" drop
      add element inet stumpfworks_voip banned4 { 127.0.0.23 timeout 1s500ms, 203.0.113.7 timeout 15m }
      add element inet stumpfworks_voip banned6 { 2001:db8::1 timeout 7d }
      "
    `);
  });

  it('leaves out bans that have ended and writes empty sets without bans', () => {
    const script = renderKernelBans(target, [{ address: '203.0.113.7', until: now }], now);
    expect(script).not.toContain('203.0.113.7');
    expect(script).not.toContain('add element');
    expect(renderKernelBans(target, [], now)).toBe(script);
  });

  it('refuses anything but normalised addresses, our table names and ports: nothing reaches nft unchecked', () => {
    for (const address of ['0.0.0.0/0', '203.0.113.7 }; flush ruleset; #', '2001:DB8::1', '::ffff:192.0.2.1', 'localhost', '']) {
      expect(() => renderKernelBans(target, [{ address, until: now + 1000 }], now), address).toThrow(/not a normalised IP address/);
    }
    expect(() => renderKernelBans(target, [{ address: '192.0.2.1', until: Number.POSITIVE_INFINITY }], now)).toThrow(/not a time/);
    for (const table of ['', 'Stumpfworks', 'x; flush ruleset', 'filter {', '1abc', 'a'.repeat(49)]) {
      expect(() => renderKernelBans({ ...target, table }, [], now), table).toThrow(/table name/);
      expect(() => renderTableRemoval(table), table).toThrow(/table name/);
    }
    for (const ports of [[], [0], [65536], [5060.5], [Number.NaN]]) expect(() => renderKernelBans({ ...target, ports }, [], now), String(ports)).toThrow(/port/);
  });

  it('writes durations nft reads past its 32-bit millisecond limit', () => {
    expect([nftDuration(1), nftDuration(999.2), nftDuration(90_061_001), nftDuration(365 * 86_400_000)]).toEqual(['1ms', '1s', '1d1h1m1s1ms', '365d']);
  });

  it.skipIf(!nftChecks)('is accepted by nft (checked with nft -c, nothing applied)', async () => {
    const bans = [
      { address: '203.0.113.7', until: now + 365 * 86_400_000 },
      { address: '2001:db8::1', until: now + 1 },
      { address: '::1', until: now + 60_000 },
    ];
    await expect(nftCli()(renderKernelBans(target, bans, now), { check: true })).resolves.toBeUndefined();
  });
});

describe('nftCli', () => {
  it('says when nft is not installed', async () => {
    await expect(nftCli('/nonexistent/nft')('', { check: true })).rejects.toThrow('/nonexistent/nft is not installed');
  });
});
