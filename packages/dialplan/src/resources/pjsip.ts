import { byId, renderConf, type ConfSection } from './conf-text.js';
import { DEFAULT_NETWORK_SETTINGS, natEntries, type NetworkSettings } from './network.js';
import { recordingInUse, recordingSetVar } from './recording.js';
import type { ExtensionResource, PbxResources, TrunkResource } from './types.js';

/** Where the SIP transports listen: the base pjsip.conf's UDP transport, and the generated TCP and TLS ones. */
export interface SipNetwork {
  /** The bind address of the base `transport-udp` (127.0.0.1 on the dev host, 0.0.0.0 in a container). */
  bindAddress: string;
  /** The SIP port: UDP (base) and TCP share it; TLS listens on the next one (5060 and 5061 by default). */
  port: number;
}

export const DEFAULT_SIP_NETWORK: SipNetwork = { bindAddress: '0.0.0.0', port: 5060 };

/** Debian's system CA bundle (package ca-certificates): TLS trunks verify their provider against it. */
export const SYSTEM_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/** The pjsip transport a trunk's transport uses: the base UDP one, or a generated TCP/TLS one. */
export function transportName(transport: TrunkResource['transport']): string {
  return transport === 'udp' ? 'transport-udp' : `stumpfworks-${transport}`;
}

/** What the transports need of the network settings. */
type Nat = Pick<NetworkSettings, 'publicAddress' | 'localNetworks'>;

/**
 * The NAT lines added to the base UDP transport (asterisk/conf/pjsip.conf), when the settings give
 * a public address; and the TCP and TLS transports the trunks need (none when every trunk uses
 * UDP), with the same NAT lines. Client use only: calls from a provider arrive on the connection
 * the registration opened. TLS verifies the provider's certificate against the system CA bundle;
 * it has no certificate of its own.
 */
function transportSections(trunks: TrunkResource[], network: SipNetwork, nat: Nat): ConfSection[] {
  const used = new Set(trunks.map((t) => t.transport));
  const sections: ConfSection[] = [];
  const natLines = natEntries(nat);
  if (natLines.length > 0) {
    sections.push({
      name: transportName('udp'),
      extend: true,
      comment: `NAT: peers outside the local networks reach Asterisk at ${nat.publicAddress} (the network settings)`,
      entries: natLines,
    });
  }
  if (used.has('tcp')) {
    sections.push({
      name: transportName('tcp'),
      comment: 'SIP over TCP for trunks (same port as UDP)',
      entries: [['type', 'transport'], ['protocol', 'tcp'], ['bind', `${network.bindAddress}:${network.port}`], ...natLines],
    });
  }
  if (used.has('tls')) {
    sections.push({
      name: transportName('tls'),
      comment: 'SIP over TLS for trunks: the provider is verified against the system CA bundle',
      entries: [
        ['type', 'transport'],
        ['protocol', 'tls'],
        ['bind', `${network.bindAddress}:${network.port + 1}`],
        ['method', 'tlsv1_2'],
        ['ca_list_file', SYSTEM_CA_BUNDLE],
        ['verify_server', true],
        ...natLines,
      ],
    });
  }
  return sections;
}

/** The pjsip endpoint name of a trunk. */
export function trunkEndpoint(trunkId: string): string {
  return `trunk-${trunkId}`;
}

/** What a phone's voicemail key dials: its own box (the NOTIFY's Message-Account). */
const VOICEMAIL_EXTENSION = '*97';

/**
 * Message waiting for an extension with a box: the endpoint's `mailboxes` sends unsolicited NOTIFYs
 * to the registered phone; a phone that SUBSCRIBEs instead (to the AOR's `mailboxes`) replaces
 * them, rather than being refused because an unsolicited one exists. The phone's voicemail key
 * dials `*97` (its own box).
 */
function mwiEndpointEntries(e: ExtensionResource): ConfSection['entries'] {
  if (!e.voicemail.enabled) return [];
  return [['mailboxes', `${e.id}@default`], ['mwi_subscribe_replaces_unsolicited', true], ['voicemail_extension', VOICEMAIL_EXTENSION]];
}

/**
 * The AOR's side, for a phone that SUBSCRIBEs: its `mailboxes`, and `voicemail_extension` too,
 * because res_pjsip_mwi takes a subscription's Message-Account from the AOR (the endpoint's serves
 * only the unsolicited NOTIFYs) and finds the AOR of a SUBSCRIBE to `sip:*97@` by it (404 without).
 */
function mwiAorEntries(e: ExtensionResource): ConfSection['entries'] {
  return e.voicemail.enabled ? [['mailboxes', `${e.id}@default`], ['voicemail_extension', VOICEMAIL_EXTENSION]] : [];
}

function extensionSections(e: ExtensionResource, recording: boolean): ConfSection[] {
  const endpoint: ConfSection['entries'] = [
    ['type', 'endpoint'],
    ['context', e.context],
    ['disallow', 'all'],
    ['allow', e.codecs.join(',')],
    ['auth', e.id],
    ['aors', e.id],
    ['callerid', e.callerId],
  ];
  endpoint.push(...mwiEndpointEntries(e));
  if (e.webrtc) endpoint.push(['webrtc', true], ['dtls_auto_generate_cert', true]);
  else endpoint.push(['transport', 'transport-udp']);
  // Media through Asterisk: direct media re-INVITEs two phones to each other, which fails when
  // either is behind NAT and takes the call out of recordings. When the admin allows it, Asterisk
  // still keeps the media when it sees NAT (a phone's RTP comes from another address than its SDP
  // named, which rtp_symmetric notices).
  if (e.directMedia === true) endpoint.push(['direct_media', true], ['disable_direct_media_on_nat', true]);
  else endpoint.push(['direct_media', false]);
  // A phone behind NAT (home office, mobile) announces its private address: answer and send media
  // where its packets come from, and keep the address it registered from. A browser phone's media
  // and contact go by ICE and its WebSocket instead.
  if (!e.webrtc) endpoint.push(['rtp_symmetric', true], ['force_rport', true], ['rewrite_contact', true]);
  // The extension's recording policy goes with the calls it makes (recording.ts).
  if (recording) endpoint.push(...recordingSetVar(e.recording));
  return [
    { name: e.id, comment: `extension ${e.id} ${e.name}`, entries: endpoint },
    { name: e.id, entries: [['type', 'auth'], ['auth_type', 'userpass'], ['username', e.id], ['password', e.secret]] },
    { name: e.id, entries: [['type', 'aor'], ['max_contacts', e.webrtc ? 5 : 1], ['remove_existing', true], ['qualify_frequency', 0], ...mwiAorEntries(e)] },
  ];
}

/** The provider's SIP URI; `\;` is a literal `;` to Asterisk (a bare one would start a comment). */
function trunkUri(t: TrunkResource): string {
  const transport = t.transport === 'udp' ? '' : `\\;transport=${t.transport}`;
  return `sip:${t.server}:${t.port}${transport}`;
}

function trunkSections(t: TrunkResource, recording: boolean): ConfSection[] {
  const name = trunkEndpoint(t.id);
  const endpoint: ConfSection['entries'] = [
    ['type', 'endpoint'],
    ['context', 'stumpfworks-inbound'],
    ['disallow', 'all'],
    ['allow', t.codecs.join(',')],
    ['aors', name],
    ['direct_media', false],
    // Media and answers go where the provider's packets come from. No rewrite_contact: a
    // provider's Contact names where it wants requests (an SBC cluster, a TLS host name).
    ['rtp_symmetric', true],
    ['force_rport', true],
  ];
  endpoint.push(['transport', transportName(t.transport)]);
  // The trunk's recording policy goes with the calls that come in on it (recording.ts).
  if (recording) endpoint.push(...recordingSetVar(t.recording));
  const sections: ConfSection[] = [];
  if (t.type === 'registration') {
    endpoint.push(['outbound_auth', `${name}-auth`], ['from_user', t.username ?? ''], ['from_domain', t.realm ?? t.server]);
    sections.push(
      { name, comment: `trunk ${t.id} ${t.name}`, entries: endpoint },
      {
        name: `${name}-auth`,
        entries: [['type', 'auth'], ['auth_type', 'userpass'], ['username', t.username ?? ''], ['password', t.password ?? ''], ...(t.realm ? [['realm', t.realm] as [string, string]] : [])],
      },
      { name, entries: [['type', 'aor'], ['contact', trunkUri(t)], ['qualify_frequency', 0]] },
      {
        name,
        entries: [
          ['type', 'registration'],
          ['transport', transportName(t.transport)],
          ['outbound_auth', `${name}-auth`],
          ['server_uri', trunkUri(t)],
          ['client_uri', `sip:${t.username}@${t.realm ?? t.server}`],
          ['contact_user', t.username ?? ''],
          ['retry_interval', 60],
          ['forbidden_retry_interval', 600],
          ['expiration', 600],
          // Calls from the provider arrive on the registration's line, not matched by IP.
          ['line', true],
          ['endpoint', name],
        ],
      },
    );
  } else {
    sections.push(
      { name, comment: `trunk ${t.id} ${t.name} (IP based)`, entries: endpoint },
      { name, entries: [['type', 'aor'], ['contact', trunkUri(t)], ['qualify_frequency', 0]] },
      { name, entries: [['type', 'identify'], ['endpoint', name], ['match', t.server]] },
    );
  }
  return sections;
}

/**
 * stumpfworks/pjsip.conf: the NAT lines of the base UDP transport (when the network settings give
 * a public address); the TCP/TLS transports the trunks need; endpoint + auth + aor per extension;
 * endpoint, auth, aor, registration or identify per trunk.
 */
export function renderPjsip(
  resources: Pick<PbxResources, 'extensions' | 'trunks'> & Partial<Pick<PbxResources, 'inboundRoutes' | 'queues' | 'consentFlows'>>,
  network: SipNetwork = DEFAULT_SIP_NETWORK,
  nat: Nat = DEFAULT_NETWORK_SETTINGS,
): string {
  const recording = recordingInUse({ inboundRoutes: [], queues: [], ...resources });
  return renderConf('PJSIP endpoints of the extensions and trunks', [
    ...transportSections(resources.trunks, network, nat),
    ...byId(resources.extensions).flatMap((e) => extensionSections(e, recording)),
    ...byId(resources.trunks).flatMap((t) => trunkSections(t, recording)),
  ]);
}
