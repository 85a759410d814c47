import { useState } from 'react';
import { useI18n } from '../i18n.js';
import type { FieldErrors, FormValues } from './form.js';
import type { ResourceSpec } from './ResourcePage.js';

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
  title: 'navExtensions',
  columns: [
    { key: 'id', label: 'extNumber', value: (e) => Number(e.id) },
    { key: 'name', label: 'fieldName', value: (e) => e.name },
    { key: 'callerId', label: 'extCallerIdColumn', value: (e) => e.callerId },
    { key: 'voicemail', label: 'extVoicemail', value: (e) => (e.voicemail.enabled ? '✓' : '–') },
    { key: 'codecs', label: 'extCodecs', value: (e) => e.codecs.join(', ') },
  ],
  fields: [
    { path: 'id', label: 'extNumber', kind: 'text', createOnly: true, hint: 'extNumberHint' },
    { path: 'name', label: 'fieldName', kind: 'text' },
    { path: 'callerId', label: 'extCallerId', kind: 'text' },
    { path: 'secret', label: 'extSecret', kind: 'secret', hint: 'extSecretHint' },
    { path: 'codecs', label: 'extCodecs', kind: 'list', hint: 'extCodecsHint' },
    { path: 'voicemail.enabled', label: 'extVoicemail', kind: 'checkbox' },
    { path: 'voicemail.pin', label: 'extVoicemailPin', kind: 'text' },
    { path: 'voicemail.email', label: 'extVoicemailEmail', kind: 'text' },
    { path: 'webrtc', label: 'extWebrtc', kind: 'checkbox' },
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
  title: 'navQueues',
  columns: [
    { key: 'id', label: 'fieldId', value: (q) => q.id },
    { key: 'name', label: 'fieldName', value: (q) => q.name },
    { key: 'strategy', label: 'queueStrategy', value: (q) => q.strategy },
    { key: 'members', label: 'queueMembersColumn', value: (q) => q.members.join(', ') },
    { key: 'maxWait', label: 'queueMaxWait', value: (q) => q.maxWaitSeconds },
  ],
  fields: [
    { path: 'id', label: 'fieldId', kind: 'text', createOnly: true },
    { path: 'name', label: 'fieldName', kind: 'text' },
    { path: 'strategy', label: 'queueStrategy', kind: 'select', options: ['ringall', 'leastrecent', 'fewestcalls', 'random', 'rrmemory', 'linear', 'wrandom'] },
    { path: 'members', label: 'queueMembers', kind: 'list' },
    { path: 'ringSeconds', label: 'queueRingSeconds', kind: 'number' },
    { path: 'maxWaitSeconds', label: 'queueMaxWait', kind: 'number' },
    { path: 'announcePosition', label: 'queueAnnouncePosition', kind: 'checkbox' },
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
  title: 'navConferences',
  columns: [
    { key: 'id', label: 'confRoom', value: (c) => Number(c.id) },
    { key: 'name', label: 'fieldName', value: (c) => c.name },
    { key: 'pin', label: 'fieldPin', value: (c) => (c.pin ? '✓' : '–') },
    { key: 'max', label: 'confMaxParticipants', value: (c) => c.maxParticipants },
  ],
  fields: [
    { path: 'id', label: 'confRoomNumber', kind: 'text', createOnly: true },
    { path: 'name', label: 'fieldName', kind: 'text' },
    { path: 'pin', label: 'fieldPin', kind: 'text' },
    { path: 'moderatorPin', label: 'confModeratorPin', kind: 'text' },
    { path: 'maxParticipants', label: 'confMaxParticipants', kind: 'number' },
    { path: 'record', label: 'confRecord', kind: 'checkbox' },
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
  title: 'navTrunks',
  columns: [
    { key: 'id', label: 'fieldId', value: (t) => t.id },
    { key: 'name', label: 'fieldName', value: (t) => t.name },
    { key: 'preset', label: 'trunkProvider', value: (t) => t.preset ?? '–' },
    { key: 'server', label: 'trunkServer', value: (t) => t.server },
    { key: 'username', label: 'trunkUserColumn', value: (t) => t.username ?? '' },
  ],
  fields: [
    { path: 'id', label: 'fieldId', kind: 'text', createOnly: true },
    { path: 'name', label: 'fieldName', kind: 'text' },
    { path: 'preset', label: 'trunkPreset', kind: 'select', options: ['', ...TRUNK_PRESETS] },
    { path: 'type', label: 'trunkType', kind: 'select', options: ['registration', 'ip'] },
    { path: 'server', label: 'trunkServer', kind: 'text', hint: 'trunkServerHint' },
    { path: 'username', label: 'trunkUsername', kind: 'text' },
    { path: 'password', label: 'trunkPassword', kind: 'secret', hint: 'trunkPasswordHint' },
    { path: 'callerId', label: 'trunkCallerId', kind: 'text' },
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
