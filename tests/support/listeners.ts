/**
 * Where a process listens, read from Linux's /proc: its socket inodes (/proc/<pid>/fd) matched
 * against the kernel's socket tables (/proc/<pid>/net/{tcp,udp}). Listening means a TCP socket in
 * state LISTEN, or any bound UDP socket; IPv4 and IPv6.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface Listener {
  protocol: 'tcp' | 'udp' | 'tcp6' | 'udp6';
  address: string;
  port: number;
}

/**
 * `0100007F:15B3` -> 127.0.0.1 and 5555. The kernel prints the address as 32-bit words in host
 * order (little-endian here): one word for IPv4, four for IPv6 (printed in full, `::` when all zero).
 */
function parseEndpoint(hex: string): { address: string; port: number } {
  const [ip = '', port = ''] = hex.split(':');
  const bytes = ip.match(/.{8}/g)!.flatMap((word) => word.match(/../g)!.reverse().map((b) => parseInt(b, 16)));
  if (bytes.length === 4) return { address: bytes.join('.'), port: parseInt(port, 16) };
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16));
  return { address: groups.every((g) => g === '0') ? '::' : groups.join(':'), port: parseInt(port, 16) };
}

const TCP_LISTEN = '0A';

/** Every TCP listening socket and bound UDP socket the process `pid` holds, as `udp 127.0.0.5:5060` (or `udp6 :::40000`). */
export function listenersOf(pid: number): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target: string;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch (error) {
      // An fd closed between the listing and the read is no listener.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match) inodes.add(match[1]!);
  }
  const found: Listener[] = [];
  for (const protocol of ['tcp', 'udp', 'tcp6', 'udp6'] as const) {
    const rows = readFileSync(`/proc/${pid}/net/${protocol}`, 'utf8').trim().split('\n').slice(1);
    for (const row of rows) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      const fields = row.trim().split(/\s+/);
      const [local = '', state, inode = ''] = [fields[1], fields[3], fields[9]];
      if (!inodes.has(inode)) continue;
      if (protocol.startsWith('tcp') && state !== TCP_LISTEN) continue;
      found.push({ protocol, ...parseEndpoint(local) });
    }
  }
  return found.map((l) => `${l.protocol} ${l.address}:${l.port}`).sort();
}
