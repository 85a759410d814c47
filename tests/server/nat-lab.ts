/**
 * A phone behind a real NAT, made of Linux network namespaces (needs root, `ip` and `nft`):
 *
 *   phone ns  192.168.178.2 ──veth── 192.168.178.1  router ns  <wan>.2 ──veth── <wan>.1  host (Asterisk)
 *                                    (masquerade, ports 40000-40999)            (port forward to Asterisk)
 *
 * The router masquerades the phone's LAN behind its WAN address `natAddress`, with other source
 * ports, as a home router does. On the host, the WAN side `publicAddress` stands for the office
 * router's public address: SIP and the RTP range sent to it are forwarded (DNAT) to Asterisk's bind
 * address, which may be 127.0.0.1 (route_localnet on the host's veth lets such packets in and
 * their answers out). Packets from Asterisk's ports to the phone's private LAN, which the host
 * cannot route, are dropped instead of leaving by the default route (from a socket bound to
 * 127.0.0.1 the kernel refuses to send them anyway). The WAN /30 comes
 * from 100.64.0.0/10 (RFC 6598, not a default local network), picked by the process id, as are the
 * names, so that runs side by side on one host do not meet; everything is removed by `remove()`,
 * and leftovers of runs whose process is gone by `sweepStale()`.
 */
import { execFileSync } from 'node:child_process';

export const PHONE_ADDRESS = '192.168.178.2';
const PHONE_LAN = '192.168.178.0/24';
const ROUTER_LAN_ADDRESS = '192.168.178.1';
/** The ports the router maps the phone's to (its own are 5070 for SIP and 6000 for RTP). */
export const NAT_PORTS = { first: 40000, last: 40999 };

export interface NatLabOptions {
  /** Where Asterisk listens: the forwarded packets go to this address (0.0.0.0 means 127.0.0.1). */
  asteriskAddress: string;
  sipPort: number;
  rtpPortStart: number;
  rtpPortEnd: number;
  /** The phone's RTP port, counted in the phone's namespace. */
  phoneRtpPort: number;
}

function run(command: string, args: string[], input?: string): string {
  return execFileSync(command, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

function inNamespace(ns: string, command: string, args: string[], input?: string): string {
  return run('ip', ['netns', 'exec', ns, command, ...args], input);
}

/** Whether this machine can make the lab: root, with `ip` and `nft`; otherwise why not. */
export function natLabUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (network namespaces, nftables)';
  for (const tool of ['ip', 'nft']) {
    try {
      run(tool, ['-V']);
    } catch {
      return `needs ${tool} (Debian packages iproute2 and nftables; scripts/lib.sh installs nftables)`;
    }
  }
  return undefined;
}

const PREFIX = 'swfnat';

/** Removes what runs whose process is gone left behind (namespaces, the host's nft table). */
export function sweepStale(): void {
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  };
  for (const line of run('ip', ['netns', 'list']).split('\n')) {
    const match = new RegExp(`^(${PREFIX}-(\\d+)-(?:phone|router))\\b`).exec(line);
    if (match && !alive(Number(match[2]))) run('ip', ['netns', 'delete', match[1]!]);
  }
  for (const line of run('nft', ['list', 'tables']).split('\n')) {
    const match = new RegExp(`^table ip (${PREFIX}_(\\d+))$`).exec(line.trim());
    if (match && !alive(Number(match[2]))) run('nft', ['delete', 'table', 'ip', match[1]!]);
  }
}

export class NatLab {
  readonly phoneNs = `${PREFIX}-${process.pid}-phone`;
  readonly routerNs = `${PREFIX}-${process.pid}-router`;
  private readonly hostTable = `${PREFIX}_${process.pid}`;
  private readonly hostVeth = `swn${process.pid}h`;
  /** The address the phone reaches Asterisk at: the office router's public address. */
  readonly publicAddress: string;
  /** The home router's public address: where Asterisk sees the phone's packets come from. */
  readonly natAddress: string;
  private created = false;

  constructor(private readonly options: NatLabOptions) {
    const base = 0x64400000 + (process.pid % 2 ** 20) * 4; // a /30 in 100.64.0.0/10
    const address = (n: number) => [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.');
    this.publicAddress = address(base + 1);
    this.natAddress = address(base + 2);
  }

  /** Builds the namespaces, links, routes and rules; on a failure half way, `remove()` cleans up. */
  create(): void {
    this.created = true;
    const { phoneNs, routerNs, hostVeth } = this;
    const routerWan = `swn${process.pid}w`;
    const routerLan = `swn${process.pid}l`;
    const phoneLan = `swn${process.pid}p`;
    run('ip', ['netns', 'add', phoneNs]);
    run('ip', ['netns', 'add', routerNs]);
    run('ip', ['link', 'add', hostVeth, 'type', 'veth', 'peer', 'name', routerWan, 'netns', routerNs]);
    run('ip', ['link', 'add', routerLan, 'netns', routerNs, 'type', 'veth', 'peer', 'name', phoneLan, 'netns', phoneNs]);
    run('ip', ['addr', 'add', `${this.publicAddress}/30`, 'dev', hostVeth]);
    run('ip', ['link', 'set', hostVeth, 'up']);
    run('sysctl', ['-qw', `net.ipv4.conf.${hostVeth}.route_localnet=1`]);
    const router = (...args: string[]) => run('ip', ['-n', routerNs, ...args]);
    router('link', 'set', 'lo', 'up');
    router('addr', 'add', `${this.natAddress}/30`, 'dev', routerWan);
    router('link', 'set', routerWan, 'up');
    router('addr', 'add', `${ROUTER_LAN_ADDRESS}/24`, 'dev', routerLan);
    router('link', 'set', routerLan, 'up');
    router('route', 'add', 'default', 'via', this.publicAddress);
    inNamespace(routerNs, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1']);
    const phone = (...args: string[]) => run('ip', ['-n', phoneNs, ...args]);
    phone('link', 'set', 'lo', 'up');
    phone('addr', 'add', `${PHONE_ADDRESS}/24`, 'dev', phoneLan);
    phone('link', 'set', phoneLan, 'up');
    phone('route', 'add', 'default', 'via', ROUTER_LAN_ADDRESS);

    // The home router: everything from the LAN leaves with the WAN address and other ports.
    inNamespace(
      routerNs,
      'nft',
      ['-f', '-'],
      `table ip home {
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "${routerWan}" meta l4proto udp masquerade to :${NAT_PORTS.first}-${NAT_PORTS.last}
    oifname "${routerWan}" masquerade
  }
}
`,
    );
    // The phone counts the RTP it receives, and what it sends to its own loopback.
    inNamespace(
      phoneNs,
      'nft',
      ['-f', '-'],
      `table ip phone {
  counter rtp_in {}
  counter rtp_to_loopback {}
  chain input {
    type filter hook input priority filter; policy accept;
    iifname "${phoneLan}" udp dport ${this.options.phoneRtpPort} counter name rtp_in
  }
  chain output {
    type filter hook output priority filter; policy accept;
    oifname "lo" udp sport ${this.options.phoneRtpPort} counter name rtp_to_loopback
  }
}
`,
    );
    // The office router's port forwarding, on the host; and no packet to the phone's LAN leaves it.
    const { sipPort, rtpPortStart, rtpPortEnd } = this.options;
    const target = this.options.asteriskAddress === '0.0.0.0' ? '127.0.0.1' : this.options.asteriskAddress;
    run(
      'nft',
      ['-f', '-'],
      `table ip ${this.hostTable} {
  chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
    iifname "${hostVeth}" ip daddr ${this.publicAddress} udp dport { ${sipPort}, ${rtpPortStart}-${rtpPortEnd} } dnat to ${target}
  }
  chain output {
    type filter hook output priority filter; policy accept;
    ip daddr ${PHONE_LAN} udp sport { ${sipPort}, ${rtpPortStart}-${rtpPortEnd} } drop
  }
}
`,
    );
  }

  /** The packets of one of the phone's counters: RTP it received, or sent to its own loopback. */
  packets(counter: 'rtp_in' | 'rtp_to_loopback'): number {
    const output = inNamespace(this.phoneNs, 'nft', ['-j', 'list', 'counter', 'ip', 'phone', counter]);
    const entry = (JSON.parse(output) as { nftables: Array<{ counter?: { packets: number } }> }).nftables.find((e) => e.counter);
    if (!entry?.counter) throw new Error(`nft printed no counter ${counter}: ${output}`);
    return entry.counter.packets;
  }

  /** Resets the phone's counters (before each call). */
  resetCounters(): void {
    inNamespace(this.phoneNs, 'nft', ['reset', 'counters', 'table', 'ip', 'phone']);
  }

  /**
   * Removes the host's table, the host's veth (its peer in the router namespace goes with it, at
   * once) and the namespaces (the phone's link goes with them). Each step runs even when one before
   * failed. The host's veth goes first: after a namespace is deleted, the kernel removes its links
   * a moment later, and a delete racing with that fails.
   */
  remove(): void {
    if (!this.created) return;
    const problems: string[] = [];
    const attempt = (command: string, args: string[]) => {
      try {
        run(command, args);
      } catch (error) {
        problems.push(`${command} ${args.join(' ')}: ${(error as { stderr?: string }).stderr || (error as Error).message}`);
      }
    };
    if (new RegExp(`^table ip ${this.hostTable}$`, 'm').test(run('nft', ['list', 'tables']))) attempt('nft', ['delete', 'table', 'ip', this.hostTable]);
    if (run('ip', ['-br', 'link']).includes(`${this.hostVeth}@`)) attempt('ip', ['link', 'delete', this.hostVeth]);
    const existing = run('ip', ['netns', 'list']);
    for (const ns of [this.phoneNs, this.routerNs]) if (new RegExp(`^${ns}\\b`, 'm').test(existing)) attempt('ip', ['netns', 'delete', ns]);
    this.created = false;
    if (problems.length > 0) throw new Error(`NAT lab cleanup: ${problems.join('; ')}`);
  }
}
