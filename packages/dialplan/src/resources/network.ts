import { DialplanError } from '../errors.js';
import { renderConf, type ConfSection } from './conf-text.js';

/**
 * The PBX's network settings as the renderers read them (the server stores them as the settings
 * section `network`): where Asterisk is reached from outside the local networks, which networks
 * it reaches without NAT, and the UDP ports of its media.
 */
export interface NetworkSettings {
  /**
   * The address phones and providers outside the local networks reach Asterisk at (the office
   * router's public address, which forwards SIP and the RTP ports to Asterisk); null when nothing
   * stands between them. Written into SIP headers and SDP for every peer outside the local networks.
   */
  publicAddress: string | null;
  /** Networks (CIDR) reached without NAT: peers there get Asterisk's own address. */
  localNetworks: string[];
  /** The UDP ports RTP uses, both included: what the router forwards and a firewall opens. */
  rtpPortStart: number;
  rtpPortEnd: number;
}

/** The private networks of RFC 1918: phones there are on the LAN. */
export const RFC1918_NETWORKS: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/**
 * Always a local network: Asterisk's own host. Asterisk rewrites its SDP only when its own media
 * address is local, and a peer on loopback must never be given the public address.
 */
export const LOOPBACK_NETWORK = '127.0.0.0/8';

/** No public address, the RFC 1918 networks, and RTP on 10000-20000 (docker-compose.yml's comment names the same range). */
export const DEFAULT_NETWORK_SETTINGS: NetworkSettings = { publicAddress: null, localNetworks: [...RFC1918_NETWORKS], rtpPortStart: 10000, rtpPortEnd: 20000 };

/**
 * The lines of a pjsip transport that make Asterisk speak with its public address to peers outside
 * the local networks (Contact, Via and SDP); none without a public address. res_pjsip takes them
 * on a module reload: only protocol, bind, TLS, TCP, ToS and CoS need a restart
 * (config_transport.c, transport_apply).
 */
export function natEntries(network: Pick<NetworkSettings, 'publicAddress' | 'localNetworks'>): ConfSection['entries'] {
  if (network.publicAddress === null) return [];
  const local = [LOOPBACK_NETWORK, ...network.localNetworks.filter((n) => n !== LOOPBACK_NETWORK)];
  return [
    ['external_media_address', network.publicAddress],
    ['external_signaling_address', network.publicAddress],
    ...local.map((net): [string, string] => ['local_net', net]),
  ];
}

/**
 * stumpfworks/rtp.conf: the RTP port range, added to the [general] section of the base rtp.conf
 * (which #tryincludes this file and sets no range itself: Asterisk 22 takes the first of two
 * values, later versions the last). res_rtp_asterisk takes it on a module reload; calls in
 * progress keep their ports.
 */
export function renderRtp(network: Pick<NetworkSettings, 'rtpPortStart' | 'rtpPortEnd'>): string {
  const { rtpPortStart: start, rtpPortEnd: end } = network;
  // Asterisk clamps a bad range to 1024-65535 or falls back to its own default without a word.
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 1024 || end > 65535 || start >= end) {
    throw new DialplanError('bad-option', `RTP port range ${start}-${end} is not one Asterisk takes (1024-65535, start below end)`);
  }
  return renderConf('RTP port range (the network settings)', [
    { name: 'general', extend: true, entries: [['rtpstart', start], ['rtpend', end]] },
  ]);
}
