import { familyOf, normaliseAddress } from './addresses.js';

/** A ban as an enforcer needs it: the address and when the ban ends (ms since the epoch). */
export interface EnforcedBan {
  address: string;
  until: number;
}

/** Where the kernel drops banned addresses: our own nftables table and the SIP ports it guards. */
export interface KernelTarget {
  /** An `inet` table of ours alone (the whole table is replaced on every sync). */
  table: string;
  /** The SIP ports (UDP and TCP): the SIP port and the TLS port (SIP port + 1). */
  ports: readonly number[];
}

/** The product's table; a test server gets one of its own (apps/server/src/testing.ts). */
export const DEFAULT_KERNEL_TABLE = 'stumpfworks_voip';
/** Table names: nft identifiers, short, and nothing a script could read as syntax. */
export const KERNEL_TABLE_PATTERN = /^[a-z][a-z0-9_]{0,47}$/;

const SET4 = 'banned4';
const SET6 = 'banned6';
const CHAIN = 'input';
const COUNTER = 'dropped';

/** Throws unless `target` is safe to write into an nft script: a table name of KERNEL_TABLE_PATTERN, ports 1-65535. */
function checkTarget(target: KernelTarget): void {
  if (!KERNEL_TABLE_PATTERN.test(target.table)) throw new Error(`not an nftables table name of ours: ${JSON.stringify(target.table)}`);
  if (target.ports.length === 0) throw new Error('no SIP port to guard');
  for (const port of target.ports) if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`not a port: ${JSON.stringify(port)}`);
}

/**
 * A duration in nft's notation, largest unit first (`1d2h3m4s5ms`). nft reads a bare `…ms` number
 * as 32 bits (refused from 49.7 days on), the composed form is not limited that way.
 *
 * @example nftDuration(90_061_001) // '1d1h1m1s1ms'
 */
export function nftDuration(ms: number): string {
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ];
  let rest = Math.max(1, Math.ceil(ms));
  let text = '';
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) text += `${n}${unit}`;
  }
  return text;
}

/**
 * The nft script that makes the kernel drop exactly `bans` (the ones still running at `now`) on the
 * SIP ports, as one transaction (`nft -f` applies a script atomically: no moment without the drop).
 * It declares the table with its sets, counter and chain (nft adds what is missing and leaves what
 * is there), then empties the chain and the sets and fills them anew: the rules take the ports of
 * now, each element the rest of its ban as its timeout (so the kernel lets a ban end even while the
 * server is down), and the named counter `dropped` keeps counting across syncs (the tests, the bench
 * and an admin read it). A later change of a set's or the chain's type needs new names: nft refuses
 * to redeclare an object differently.
 *
 * Throws on a bad table name or port and on any address that is not normalised (normaliseAddress):
 * nothing reaches the script unchecked.
 */
export function renderKernelBans(target: KernelTarget, bans: readonly EnforcedBan[], now: number): string {
  checkTarget(target);
  const running = [...new Map(bans.filter((b) => b.until > now).map((b) => [b.address, b])).values()];
  for (const ban of running) {
    if (normaliseAddress(ban.address) !== ban.address) throw new Error(`not a normalised IP address: ${JSON.stringify(ban.address)}`);
    if (!Number.isFinite(ban.until)) throw new Error(`not a time: ${JSON.stringify(ban.until)}`);
  }
  const t = `inet ${target.table}`;
  const ports = [...new Set(target.ports)].sort((a, b) => a - b).join(', ');
  const fill = (set: string, family: 'ipv4' | 'ipv6') => {
    const list = running
      .filter((b) => familyOf(b.address) === family)
      .map((b) => `${b.address} timeout ${nftDuration(b.until - now)}`)
      .sort();
    return list.length > 0 ? [`add element ${t} ${set} { ${list.join(', ')} }`] : [];
  };
  return [
    `# StumpfWorks VoIP: the addresses the SIP brute-force guard has banned, dropped before Asterisk sees them`,
    `table ${t} {`,
    `  counter ${COUNTER} {`,
    `  }`,
    `  set ${SET4} {`,
    `    type ipv4_addr`,
    `    flags timeout`,
    `  }`,
    `  set ${SET6} {`,
    `    type ipv6_addr`,
    `    flags timeout`,
    `  }`,
    `  chain ${CHAIN} {`,
    `    type filter hook input priority filter; policy accept;`,
    `  }`,
    `}`,
    `flush chain ${t} ${CHAIN}`,
    `flush set ${t} ${SET4}`,
    `flush set ${t} ${SET6}`,
    `add rule ${t} ${CHAIN} meta l4proto { udp, tcp } th dport { ${ports} } ip saddr @${SET4} counter name "${COUNTER}" drop`,
    `add rule ${t} ${CHAIN} meta l4proto { udp, tcp } th dport { ${ports} } ip6 saddr @${SET6} counter name "${COUNTER}" drop`,
    ...fill(SET4, 'ipv4'),
    ...fill(SET6, 'ipv6'),
    '',
  ].join('\n');
}

/** The nft script that removes the table if it is there (a test server's, when it stops for good). */
export function renderTableRemoval(table: string): string {
  if (!KERNEL_TABLE_PATTERN.test(table)) throw new Error(`not an nftables table name of ours: ${JSON.stringify(table)}`);
  return `table inet ${table}\ndelete table inet ${table}\n`;
}
