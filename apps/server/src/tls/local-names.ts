import { hostname, networkInterfaces } from 'node:os';

/**
 * The names a browser may use for this server, for the generated certificate: localhost and the
 * loopback addresses, the host name (and `<host>.local`, mDNS), and every address of the machine's
 * interfaces (the LAN addresses; IPv6 link-local ones are left out: a URL cannot name them without
 * a zone). Read from the OS; `host` and `interfaces` are there for tests.
 */
export function localNames(host: string = hostname(), interfaces: ReturnType<typeof networkInterfaces> = networkInterfaces()): string[] {
  const names = ['localhost', '127.0.0.1', '::1'];
  const cleanHost = host.trim().toLowerCase();
  if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(cleanHost) && cleanHost !== 'localhost') {
    names.push(cleanHost);
    if (!cleanHost.includes('.')) names.push(`${cleanHost}.local`);
  }
  for (const list of Object.values(interfaces)) {
    for (const entry of list ?? []) {
      if (entry.family === 'IPv6' && /^fe80:/i.test(entry.address)) continue;
      names.push(entry.address);
    }
  }
  return [...new Set(names)];
}
