import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * An IP address in the one spelling the guard keys its records by: IPv4 dotted, IPv6 compressed and
 * lower-case (what Asterisk prints), an IPv4-mapped IPv6 address as IPv4. Undefined for anything else.
 *
 * @example normaliseAddress('2001:DB8:0::1') // '2001:db8::1'
 */
export function normaliseAddress(text: string): string | undefined {
  const trimmed = text.trim();
  if (isIPv4(trimmed)) return trimmed;
  if (!isIPv6(trimmed) || trimmed.includes('%')) return undefined; // a zone id means a link, not a host we can ban
  const host = new URL(`http://[${trimmed}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped) {
    const [high, low] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return host;
}

/** `ipv4` or `ipv6`, for an address normaliseAddress accepted. */
export function familyOf(address: string): 'ipv4' | 'ipv6' {
  return isIPv4(address) ? 'ipv4' : 'ipv6';
}

/**
 * The source of an Asterisk security event: `RemoteAddress: IPV4/UDP/127.0.0.23/5999` (IPv6 as
 * `IPV6/UDP/2001:db8::1/5060`). Undefined when the field does not have that shape.
 */
export function remoteAddressOf(field: string | undefined): { address: string; transport: string; port: number } | undefined {
  const match = /^IPV[46]\/([A-Z]+)\/(.+)\/(\d+)$/.exec(field?.trim() ?? '');
  if (!match) return undefined;
  const address = normaliseAddress(match[2]!.replace(/^\[(.*)\]$/, '$1'));
  return address ? { address, transport: match[1]!, port: Number(match[3]) } : undefined;
}

/** A network written as `address/prefix` (a bare address is one host). Undefined when it is not one. */
export function parseNetwork(text: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [host = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const address = normaliseAddress(host);
  if (!address) return undefined;
  const family = familyOf(address);
  const max = family === 'ipv4' ? 32 : 128;
  if (prefixText === undefined) return { address, prefix: max, family };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return undefined;
  return { address, prefix: Number(prefixText), family };
}

/** Whether an address lies in one of `networks` (each valid for parseNetwork; others are skipped). */
export function networkMatcher(networks: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const text of networks) {
    const network = parseNetwork(text);
    if (network) list.addSubnet(network.address, network.prefix, network.family);
  }
  return (address) => {
    const normal = normaliseAddress(address);
    return normal !== undefined && list.check(normal, familyOf(normal));
  };
}
