import { byId, renderConf, type ConfSection } from './conf-text.js';
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

/**
 * The TCP and TLS transports the trunks need (none when every trunk uses UDP). Client use only:
 * calls from a provider arrive on the connection the registration opened. TLS verifies the
 * provider's certificate against the system CA bundle; it has no certificate of its own.
 */
function transportSections(trunks: TrunkResource[], network: SipNetwork): ConfSection[] {
  const used = new Set(trunks.map((t) => t.transport));
  const sections: ConfSection[] = [];
  if (used.has('tcp')) {
    sections.push({
      name: transportName('tcp'),
      comment: 'SIP over TCP for trunks (same port as UDP)',
      entries: [['type', 'transport'], ['protocol', 'tcp'], ['bind', `${network.bindAddress}:${network.port}`]],
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
      ],
    });
  }
  return sections;
}

/** The pjsip endpoint name of a trunk. */
export function trunkEndpoint(trunkId: string): string {
  return `trunk-${trunkId}`;
}

function extensionSections(e: ExtensionResource): ConfSection[] {
  const endpoint: ConfSection['entries'] = [
    ['type', 'endpoint'],
    ['context', e.context],
    ['disallow', 'all'],
    ['allow', e.codecs.join(',')],
    ['auth', e.id],
    ['aors', e.id],
    ['callerid', e.callerId],
  ];
  if (e.voicemail.enabled) endpoint.push(['mailboxes', `${e.id}@default`]);
  if (e.webrtc) endpoint.push(['webrtc', true], ['dtls_auto_generate_cert', true]);
  else endpoint.push(['transport', 'transport-udp']);
  return [
    { name: e.id, comment: `extension ${e.id} ${e.name}`, entries: endpoint },
    { name: e.id, entries: [['type', 'auth'], ['auth_type', 'userpass'], ['username', e.id], ['password', e.secret]] },
    { name: e.id, entries: [['type', 'aor'], ['max_contacts', e.webrtc ? 5 : 1], ['remove_existing', true], ['qualify_frequency', 0]] },
  ];
}

/** The provider's SIP URI; `\;` is a literal `;` to Asterisk (a bare one would start a comment). */
function trunkUri(t: TrunkResource): string {
  const transport = t.transport === 'udp' ? '' : `\\;transport=${t.transport}`;
  return `sip:${t.server}:${t.port}${transport}`;
}

function trunkSections(t: TrunkResource): ConfSection[] {
  const name = trunkEndpoint(t.id);
  const endpoint: ConfSection['entries'] = [
    ['type', 'endpoint'],
    ['context', 'stumpfworks-inbound'],
    ['disallow', 'all'],
    ['allow', t.codecs.join(',')],
    ['aors', name],
    ['direct_media', false],
  ];
  endpoint.push(['transport', transportName(t.transport)]);
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
 * stumpfworks/pjsip.conf: the TCP/TLS transports the trunks need; endpoint + auth + aor per
 * extension; endpoint, auth, aor, registration or identify per trunk.
 */
export function renderPjsip(resources: Pick<PbxResources, 'extensions' | 'trunks'>, network: SipNetwork = DEFAULT_SIP_NETWORK): string {
  return renderConf('PJSIP endpoints of the extensions and trunks', [
    ...transportSections(resources.trunks, network),
    ...byId(resources.extensions).flatMap(extensionSections),
    ...byId(resources.trunks).flatMap(trunkSections),
  ]);
}
