import { z } from '@hono/zod-openapi';
import { DEFAULT_NETWORK_SETTINGS, RFC1918_NETWORKS } from '@stumpfworks/dialplan';
import { AppError } from '../errors.js';
import { say, says } from '../http/language.js';
import type { SettingsSection } from './section.js';
import { stunLookup, StunError } from './stun.js';

/** An IPv4 address as a number, or undefined when `text` is not one in dotted-quad form. */
function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** Why an address cannot be the one the world reaches Asterisk at (in both languages), or undefined. */
function notPublic(address: number): { de: string; en: string } | undefined {
  const first = Math.floor(address / 2 ** 24);
  if (first === 0) return { de: '0.0.0.0/8 ist keine Zieladresse', en: '0.0.0.0/8 is no destination address' };
  if (first === 127) return { de: 'eine Loopback-Adresse erreicht von außen niemand', en: 'nobody outside reaches a loopback address' };
  if (first >= 224) return { de: 'Multicast- und reservierte Adressen (ab 224.0.0.0) gehen nicht', en: 'multicast and reserved addresses (224.0.0.0 and up) do not work' };
  return undefined;
}

const publicAddress = z
  .string()
  .superRefine((text, ctx) => {
    const address = ipv4(text);
    if (address === undefined) {
      ctx.addIssue({ code: 'custom', message: say({ de: 'Eine IPv4-Adresse wie 203.0.113.5', en: 'an IPv4 address such as 203.0.113.5' }) });
      return;
    }
    const why = notPublic(address);
    if (why) ctx.addIssue({ code: 'custom', message: say(why) });
  })
  .openapi({ example: '203.0.113.5' });

const HOST = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** `host` or `host:port` (3478, STUN's port, when left out). */
export function stunTarget(text: string): { host: string; port: number } {
  const [host = '', port = '3478'] = text.split(':');
  return { host, port: Number(port) };
}

const stunServer = z
  .string()
  .refine(
    (text) => {
      const parts = text.split(':');
      if (parts.length > 2 || !HOST.test(parts[0]!)) return false;
      const { port } = stunTarget(text);
      return parts.length === 1 || (/^[1-9][0-9]{0,4}$/.test(parts[1]!) && port <= 65535);
    },
    says({ de: 'Ein Hostname oder eine IPv4-Adresse, wahlweise mit :Port (Standard 3478)', en: 'a host name or IPv4 address, optionally with :port (3478 when left out)' }),
  )
  .openapi({ example: 'stun.sipgate.net:3478' });

const localNetwork = z
  .string()
  .superRefine((text, ctx) => {
    const [base = '', prefixText, extra] = text.split('/');
    const address = ipv4(base);
    const prefix = prefixText !== undefined && /^[0-9]{1,2}$/.test(prefixText) ? Number(prefixText) : undefined;
    if (address === undefined || prefix === undefined || extra !== undefined || prefix > 32) {
      ctx.addIssue({ code: 'custom', message: say({ de: 'Ein Netz in CIDR-Schreibweise wie 192.168.178.0/24', en: 'a network in CIDR notation such as 192.168.178.0/24' }) });
      return;
    }
    // Below /8 a "local" network takes in much of the Internet, and the public address would go to nobody.
    if (prefix < 8) {
      ctx.addIssue({ code: 'custom', message: say({ de: 'Ein lokales Netz ist höchstens /8 groß', en: 'a local network is /8 or smaller' }) });
      return;
    }
    const size = 2 ** (32 - prefix);
    const network = address - (address % size);
    if (network !== address) {
      const fixed = `${[24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.')}/${prefix}`;
      ctx.addIssue({ code: 'custom', message: say({ de: `Das ist keine Netzadresse; gemeint ist wohl ${fixed}`, en: `not a network address; did you mean ${fixed}?` }) });
    }
  })
  .openapi({ example: '192.168.178.0/24' });

export const NetworkSettingsSchema = z
  .object({
    publicAddress: publicAddress
      .nullable()
      .default(null)
      .openapi({
        description:
          'The address phones and providers outside the local networks reach Asterisk at (the router forwards the SIP port and the RTP ports to Asterisk); null: no NAT in between. Found by STUN when left null and stunServer is set.',
      }),
    stunServer: stunServer.nullable().default(null).openapi({ description: 'Asked once for the public address, when a PUT sets it and leaves publicAddress null' }),
    localNetworks: z
      .array(localNetwork)
      .max(32)
      .default([...RFC1918_NETWORKS])
      .openapi({ description: 'Networks reached without NAT (CIDR); loopback always is one' }),
    rtpPortStart: z.number().int().min(1024).max(65534).default(DEFAULT_NETWORK_SETTINGS.rtpPortStart),
    rtpPortEnd: z.number().int().min(1025).max(65535).default(DEFAULT_NETWORK_SETTINGS.rtpPortEnd),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.localNetworks.forEach((net, i) => {
      if (seen.has(net)) ctx.addIssue({ code: 'custom', path: ['localNetworks', i], message: say({ de: 'Dieses Netz steht schon in der Liste', en: 'this network is listed already' }) });
      seen.add(net);
    });
    // res_rtp_asterisk takes an even port for RTP and the next one for RTCP, rounding a random
    // port down to even: an odd start would hand out the port below the range.
    if (v.rtpPortStart % 2 !== 0) {
      ctx.addIssue({ code: 'custom', path: ['rtpPortStart'], message: say({ de: 'RTP beginnt auf einer geraden Portnummer', en: 'RTP starts on an even port number' }) });
    }
    if (v.rtpPortEnd <= v.rtpPortStart) {
      ctx.addIssue({ code: 'custom', path: ['rtpPortEnd'], message: say({ de: 'Muss größer als rtpPortStart sein', en: 'must be greater than rtpPortStart' }) });
    }
  })
  .openapi('NetworkSettings');

export type NetworkSettingsValue = z.infer<typeof NetworkSettingsSchema>;

/**
 * Fills in the public address from the STUN server when the settings name one and no address:
 * asked once, at this PUT (a later PUT with publicAddress null asks again).
 */
async function discoverPublicAddress(value: NetworkSettingsValue): Promise<NetworkSettingsValue> {
  if (value.publicAddress !== null || value.stunServer === null) return value;
  const { host, port } = stunTarget(value.stunServer);
  const refuse = (message: string): never => {
    throw new AppError('validation', say({ de: 'Die Netzwerk-Einstellungen sind nicht gültig', en: 'the network settings are not valid' }), {
      issues: [{ path: 'stunServer', message }],
    });
  };
  let found: string;
  try {
    found = await stunLookup(host, port);
  } catch (error) {
    if (!(error instanceof StunError)) throw error;
    return refuse(
      error.code === 'no-answer'
        ? say({ de: `Der STUN-Server ${host}:${port} hat nicht geantwortet (3 Anfragen in 3,5 s)`, en: `the STUN server ${host}:${port} did not answer (3 requests in 3.5 s)` })
        : say({ de: `Der STUN-Server ist nicht erreichbar: ${error.message}`, en: `the STUN server cannot be reached: ${error.message}` }),
    );
  }
  const why = notPublic(ipv4(found)!);
  if (why) return refuse(say({ de: `Der STUN-Server sieht uns unter ${found}: ${why.de}`, en: `the STUN server sees us at ${found}: ${why.en}` }));
  return { ...value, publicAddress: found };
}

/** The `network` section: NAT (public address, local networks) and the RTP ports. */
export const networkSection: SettingsSection<typeof NetworkSettingsSchema> = {
  id: 'network',
  label: { de: 'Netzwerk: NAT und RTP-Ports', en: 'Network: NAT and RTP ports' },
  schema: NetworkSettingsSchema,
  complete: discoverPublicAddress,
};
