import { byId, renderConf, type ConfSection } from './conf-text.js';
import type { ExtensionResource, PbxResources, TrunkResource } from './types.js';

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

function trunkUri(t: TrunkResource): string {
  const transport = t.transport === 'udp' ? '' : `;transport=${t.transport}`;
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
  if (t.transport === 'udp') endpoint.push(['transport', 'transport-udp']);
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
          ...(t.transport === 'udp' ? [['transport', 'transport-udp'] as [string, string]] : []),
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

/** stumpfworks/pjsip.conf: endpoint + auth + aor per extension; endpoint, auth, aor, registration or identify per trunk. */
export function renderPjsip(resources: Pick<PbxResources, 'extensions' | 'trunks'>): string {
  return renderConf('PJSIP endpoints of the extensions and trunks', [
    ...byId(resources.extensions).flatMap(extensionSections),
    ...byId(resources.trunks).flatMap(trunkSections),
  ]);
}
