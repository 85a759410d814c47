import { useState } from 'react';
import { useI18n } from '../i18n.js';
import type { FieldErrors, FormValues } from './form.js';
import type { ResourceSpec } from './ResourcePage.js';

const L = (de: string, en: string) => ({ de, en });
const str = (v: FormValues[string] | undefined) => (typeof v === 'string' ? v.trim() : '');

/** Shows a secret once, with a copy button. */
function SecretOnce({ title, secret }: { title: string; secret: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <p>
      {title} <code data-testid="secret">{secret}</code>{' '}
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard
            ?.writeText(secret)
            .then(() => setCopied(true))
            .catch(() => setCopied(false))
        }
      >
        {copied ? t('copied') : t('copy')}
      </button>
      <br />
      <small className="hint">{t('secretOnce')}</small>
    </p>
  );
}

export interface Extension {
  id: string;
  name: string;
  callerId: string;
  secret: string;
  codecs: string[];
  context: string;
  voicemail: { enabled: boolean; pin?: string; email?: string };
  webrtc: boolean;
}

export const extensionSpec: ResourceSpec<Extension> = {
  path: '/extensions',
  title: L('Nebenstellen', 'Extensions'),
  columns: [
    { key: 'id', label: L('Nummer', 'Number'), value: (e) => Number(e.id) },
    { key: 'name', label: L('Name', 'Name'), value: (e) => e.name },
    { key: 'callerId', label: L('Anzeige', 'Caller ID'), value: (e) => e.callerId },
    { key: 'voicemail', label: L('Mailbox', 'Voicemail'), value: (e) => (e.voicemail.enabled ? '✓' : '–') },
    { key: 'codecs', label: L('Codecs', 'Codecs'), value: (e) => e.codecs.join(', ') },
  ],
  fields: [
    { path: 'id', label: L('Nummer', 'Number'), kind: 'text', createOnly: true, hint: L('2 bis 6 Ziffern, nicht mit 0 beginnend', '2 to 6 digits, not starting with 0') },
    { path: 'name', label: L('Name', 'Name'), kind: 'text' },
    { path: 'callerId', label: L('Anzeige (Caller-ID)', 'Caller ID'), kind: 'text' },
    { path: 'secret', label: L('SIP-Passwort', 'SIP secret'), kind: 'secret', hint: L('Leer lassen: wird erzeugt bzw. bleibt', 'Leave empty: generated, or kept') },
    { path: 'codecs', label: L('Codecs', 'Codecs'), kind: 'list', hint: L('Komma-getrennt: ulaw, alaw, opus, gsm', 'comma-separated: ulaw, alaw, opus, gsm') },
    { path: 'voicemail.enabled', label: L('Mailbox', 'Voicemail'), kind: 'checkbox' },
    { path: 'voicemail.pin', label: L('Mailbox-PIN', 'Voicemail PIN'), kind: 'text' },
    { path: 'voicemail.email', label: L('Mailbox-E-Mail', 'Voicemail e-mail'), kind: 'text' },
    { path: 'webrtc', label: L('WebRTC (Browser-Telefon)', 'WebRTC (browser phone)'), kind: 'checkbox' },
  ],
  blank: { codecs: 'ulaw, alaw' },
  validate(v) {
    const e: FieldErrors = {};
    const id = str(v.id);
    if (!/^[1-9][0-9]{1,5}$/.test(id)) e.id = 'an extension number has 2 to 6 digits and does not start with 0';
    if (!str(v.name)) e.name = 'required';
    const secret = str(v.secret);
    if (secret && secret.length < 16) e.secret = 'weak secret: must be at least 16 characters';
    else if (secret && id && secret.includes(id)) e.secret = 'weak secret: must not contain the extension number';
    const pin = str(v['voicemail.pin']);
    if (pin && !/^[0-9]{4,10}$/.test(pin)) e['voicemail.pin'] = 'must be 4 to 10 digits';
    return e;
  },
  created: (ext) => <SecretOnce title={`${ext.id} ${ext.name}: SIP-Passwort / secret`} secret={ext.secret} />,
};

export interface Queue {
  id: string;
  name: string;
  strategy: string;
  members: string[];
  maxWaitSeconds: number;
}

export const queueSpec: ResourceSpec<Queue> = {
  path: '/queues',
  title: L('Warteschlangen', 'Queues'),
  columns: [
    { key: 'id', label: L('Kennung', 'Id'), value: (q) => q.id },
    { key: 'name', label: L('Name', 'Name'), value: (q) => q.name },
    { key: 'strategy', label: L('Strategie', 'Strategy'), value: (q) => q.strategy },
    { key: 'members', label: L('Mitglieder', 'Members'), value: (q) => q.members.join(', ') },
    { key: 'maxWait', label: L('Max. Wartezeit (s)', 'Max wait (s)'), value: (q) => q.maxWaitSeconds },
  ],
  fields: [
    { path: 'id', label: L('Kennung', 'Id'), kind: 'text', createOnly: true },
    { path: 'name', label: L('Name', 'Name'), kind: 'text' },
    { path: 'strategy', label: L('Strategie', 'Strategy'), kind: 'select', options: ['ringall', 'leastrecent', 'fewestcalls', 'random', 'rrmemory', 'linear', 'wrandom'] },
    { path: 'members', label: L('Mitglieder (Nebenstellen)', 'Members (extensions)'), kind: 'list' },
    { path: 'ringSeconds', label: L('Klingeldauer (s)', 'Ring time (s)'), kind: 'number' },
    { path: 'maxWaitSeconds', label: L('Max. Wartezeit (s)', 'Max wait (s)'), kind: 'number' },
    { path: 'announcePosition', label: L('Position ansagen', 'Announce position'), kind: 'checkbox' },
  ],
  blank: { strategy: 'ringall' },
  validate(v) {
    const e: FieldErrors = {};
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(str(v.id))) e.id = 'lower-case letters, digits and -, starting with a letter';
    if (!str(v.name)) e.name = 'required';
    return e;
  },
};

export interface Conference {
  id: string;
  name: string;
  pin?: string;
  maxParticipants: number;
  record: boolean;
}

export const conferenceSpec: ResourceSpec<Conference> = {
  path: '/conferences',
  title: L('Konferenzen', 'Conferences'),
  columns: [
    { key: 'id', label: L('Raum', 'Room'), value: (c) => Number(c.id) },
    { key: 'name', label: L('Name', 'Name'), value: (c) => c.name },
    { key: 'pin', label: L('PIN', 'PIN'), value: (c) => (c.pin ? '✓' : '–') },
    { key: 'max', label: L('Max. Teilnehmer', 'Max participants'), value: (c) => c.maxParticipants },
  ],
  fields: [
    { path: 'id', label: L('Raumnummer', 'Room number'), kind: 'text', createOnly: true },
    { path: 'name', label: L('Name', 'Name'), kind: 'text' },
    { path: 'pin', label: L('PIN', 'PIN'), kind: 'text' },
    { path: 'moderatorPin', label: L('Moderator-PIN', 'Moderator PIN'), kind: 'text' },
    { path: 'maxParticipants', label: L('Max. Teilnehmer', 'Max participants'), kind: 'number' },
    { path: 'record', label: L('Aufzeichnen', 'Record'), kind: 'checkbox' },
  ],
  validate(v) {
    const e: FieldErrors = {};
    if (!/^[0-9]{2,8}$/.test(str(v.id))) e.id = 'the room number: 2 to 8 digits';
    if (!str(v.name)) e.name = 'required';
    for (const k of ['pin', 'moderatorPin']) if (str(v[k]) && !/^[0-9]{4,10}$/.test(str(v[k]))) e[k] = 'must be 4 to 10 digits';
    return e;
  },
};

export interface Trunk {
  id: string;
  name: string;
  type: string;
  preset?: string;
  server: string;
  username?: string;
  callerId?: string;
}

/** The provider presets (the server fills server, realm, transport and codecs from them). */
export const TRUNK_PRESETS = ['sipgate', 'easybell', 'telekom', '1und1'] as const;

export const trunkSpec: ResourceSpec<Trunk> = {
  path: '/trunks',
  title: L('Leitungen', 'Trunks'),
  columns: [
    { key: 'id', label: L('Kennung', 'Id'), value: (t) => t.id },
    { key: 'name', label: L('Name', 'Name'), value: (t) => t.name },
    { key: 'preset', label: L('Anbieter', 'Provider'), value: (t) => t.preset ?? '–' },
    { key: 'server', label: L('Server', 'Server'), value: (t) => t.server },
    { key: 'username', label: L('Benutzer', 'User'), value: (t) => t.username ?? '' },
  ],
  fields: [
    { path: 'id', label: L('Kennung', 'Id'), kind: 'text', createOnly: true },
    { path: 'name', label: L('Name', 'Name'), kind: 'text' },
    { path: 'preset', label: L('Anbieter-Vorlage', 'Provider preset'), kind: 'select', options: ['', ...TRUNK_PRESETS] },
    { path: 'type', label: L('Art', 'Type'), kind: 'select', options: ['registration', 'ip'] },
    { path: 'server', label: L('Server', 'Server'), kind: 'text', hint: L('Leer bei Anbieter-Vorlage', 'Empty with a preset') },
    { path: 'username', label: L('Benutzername', 'Username'), kind: 'text' },
    { path: 'password', label: L('Passwort', 'Password'), kind: 'secret', hint: L('Beim Bearbeiten erneut eingeben', 'Enter again when editing') },
    { path: 'callerId', label: L('Rufnummer', 'Caller number'), kind: 'text' },
  ],
  blank: { type: 'registration', preset: 'sipgate' },
  validate(v) {
    const e: FieldErrors = {};
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(str(v.id))) e.id = 'lower-case letters, digits and -, starting with a letter';
    if (!str(v.name)) e.name = 'required';
    if (!str(v.preset) && !str(v.server)) e.server = 'required unless a preset is chosen';
    if (v.type === 'registration' && !str(v.username)) e.username = 'a registration trunk needs a username';
    if (v.type === 'registration' && !str(v.password)) e.password = 'a registration trunk needs a password';
    return e;
  },
};
