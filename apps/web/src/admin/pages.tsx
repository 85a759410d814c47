import { useState } from 'react';
import { useI18n, type TextKey } from '../i18n.js';
import { optionLabel, type FieldChecks, type FieldOption, type FormValues } from './form.js';
import type { ResourceSpec } from './ResourcePage.js';
import { RECORDING_POLICIES } from './recording-policy.js';

const str = (v: FormValues[string] | undefined) => (typeof v === 'string' ? v.trim() : '');

/** Shows a secret once, with a copy button; `owner` names whose secret it is. */
function SecretOnce({ owner, label, secret, testId = 'secret' }: { owner: string; label: TextKey; secret: string; testId?: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <p>
      {owner}: {t(label)} <code data-testid={testId}>{secret}</code>{' '}
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

/** How a box's messages travel in their mail (voicemail-mail/ on the server). */
const VOICEMAIL_ATTACHMENTS: readonly FieldOption[] = [
  { value: 'wav', label: 'extVoicemailAttachWav' },
  { value: 'mp3', label: 'extVoicemailAttachMp3' },
  { value: 'none', label: 'extVoicemailAttachNone' },
];
const VOICEMAIL_MAIL_LANGUAGES: readonly FieldOption[] = [
  { value: 'de', label: 'german' },
  { value: 'en', label: 'english' },
];

export const extensionSpec: ResourceSpec<'/extensions'> = {
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
    { path: 'voicemail.pin', label: 'extVoicemailPin', kind: 'secret', hint: 'extVoicemailPinHint' },
    { path: 'voicemail.email', label: 'extVoicemailEmail', kind: 'text' },
    { path: 'voicemail.attachment', label: 'extVoicemailAttachment', kind: 'select', options: VOICEMAIL_ATTACHMENTS },
    { path: 'voicemail.mailLanguage', label: 'extVoicemailMailLanguage', kind: 'select', options: VOICEMAIL_MAIL_LANGUAGES },
    { path: 'voicemail.deleteAfterMail', label: 'extVoicemailDeleteAfterMail', kind: 'checkbox', hint: 'extVoicemailDeleteAfterMailHint' },
    { path: 'webrtc', label: 'extWebrtc', kind: 'checkbox' },
    { path: 'directMedia', label: 'extDirectMedia', kind: 'checkbox', hint: 'extDirectMediaHint' },
    { path: 'recording', label: 'recordingPolicy', kind: 'select', options: RECORDING_POLICIES, hint: 'recordingPolicyHint' },
  ],
  blank: { codecs: 'ulaw, alaw', 'voicemail.attachment': 'wav', 'voicemail.mailLanguage': 'de' },
  validate(v) {
    const e: FieldChecks = {};
    const id = str(v.id);
    if (!/^[1-9][0-9]{1,5}$/.test(id)) e.id = 'extCheckNumber';
    if (!str(v.name)) e.name = 'checkRequired';
    const secret = str(v.secret);
    if (secret && secret.length < 16) e.secret = 'extCheckSecretShort';
    else if (secret && id && secret.includes(id)) e.secret = 'extCheckSecretNumber';
    const pin = str(v['voicemail.pin']);
    if (pin && !/^[0-9]{4,10}$/.test(pin)) e['voicemail.pin'] = 'checkPinDigits';
    return e;
  },
  created: (ext) => (
    <>
      <SecretOnce owner={`${ext.id} ${ext.name}`} label="extSecret" secret={ext.secret} />
      {ext.voicemail.pin ? <SecretOnce owner={`${ext.id} ${ext.name}`} label="extVoicemailPin" secret={ext.voicemail.pin} testId="pin" /> : null}
    </>
  ),
};

/** Asterisk's ring strategies (app_queue), each with its text. */
const STRATEGIES: readonly FieldOption[] = [
  { value: 'ringall', label: 'strategyRingall' },
  { value: 'leastrecent', label: 'strategyLeastrecent' },
  { value: 'fewestcalls', label: 'strategyFewestcalls' },
  { value: 'random', label: 'strategyRandom' },
  { value: 'rrmemory', label: 'strategyRrmemory' },
  { value: 'linear', label: 'strategyLinear' },
  { value: 'wrandom', label: 'strategyWrandom' },
];

export const queueSpec: ResourceSpec<'/queues'> = {
  path: '/queues',
  title: 'navQueues',
  columns: [
    { key: 'id', label: 'fieldId', value: (q) => q.id },
    { key: 'name', label: 'fieldName', value: (q) => q.name },
    { key: 'strategy', label: 'queueStrategy', value: (q, t) => optionLabel(STRATEGIES, q.strategy, t) },
    { key: 'members', label: 'queueMembersColumn', value: (q) => q.members.join(', ') },
    { key: 'maxWait', label: 'queueMaxWait', value: (q) => q.maxWaitSeconds },
  ],
  fields: [
    { path: 'id', label: 'fieldId', kind: 'text', createOnly: true },
    { path: 'name', label: 'fieldName', kind: 'text' },
    { path: 'strategy', label: 'queueStrategy', kind: 'select', options: STRATEGIES },
    { path: 'members', label: 'queueMembers', kind: 'list' },
    { path: 'ringSeconds', label: 'queueRingSeconds', kind: 'number' },
    { path: 'maxWaitSeconds', label: 'queueMaxWait', kind: 'number' },
    { path: 'announcePosition', label: 'queueAnnouncePosition', kind: 'checkbox' },
    { path: 'recording', label: 'recordingPolicy', kind: 'select', options: RECORDING_POLICIES, hint: 'recordingPolicyQueueHint' },
  ],
  blank: { strategy: 'ringall' },
  validate(v) {
    const e: FieldChecks = {};
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(str(v.id))) e.id = 'checkSlugLetterFirst';
    if (!str(v.name)) e.name = 'checkRequired';
    return e;
  },
};

export const conferenceSpec: ResourceSpec<'/conferences'> = {
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
    const e: FieldChecks = {};
    if (!/^[0-9]{2,8}$/.test(str(v.id))) e.id = 'confCheckRoom';
    if (!str(v.name)) e.name = 'checkRequired';
    for (const k of ['pin', 'moderatorPin']) if (str(v[k]) && !/^[0-9]{4,10}$/.test(str(v[k]))) e[k] = 'checkPinDigits';
    return e;
  },
};

/** The provider presets (the server fills server, realm, transport and codecs from them). */
export const TRUNK_PRESETS = ['sipgate', 'easybell', 'telekom', '1und1'] as const;

export const trunkSpec: ResourceSpec<'/trunks'> = {
  path: '/trunks',
  title: 'navTrunks',
  columns: [
    { key: 'id', label: 'fieldId', value: (trunk) => trunk.id },
    { key: 'name', label: 'fieldName', value: (trunk) => trunk.name },
    { key: 'preset', label: 'trunkProvider', value: (trunk) => trunk.preset ?? '–' },
    { key: 'server', label: 'trunkServer', value: (trunk) => trunk.server },
    { key: 'username', label: 'trunkUserColumn', value: (trunk) => trunk.username ?? '' },
  ],
  fields: [
    { path: 'id', label: 'fieldId', kind: 'text', createOnly: true },
    { path: 'name', label: 'fieldName', kind: 'text' },
    { path: 'preset', label: 'trunkPreset', kind: 'select', options: [{ value: '', label: 'trunkNoPreset' }, ...TRUNK_PRESETS] },
    {
      path: 'type',
      label: 'trunkType',
      kind: 'select',
      options: [
        { value: 'registration', label: 'trunkTypeRegistration' },
        { value: 'ip', label: 'trunkTypeIp' },
      ],
    },
    { path: 'server', label: 'trunkServer', kind: 'text', hint: 'trunkServerHint' },
    { path: 'username', label: 'trunkUsername', kind: 'text' },
    { path: 'password', label: 'trunkPassword', kind: 'secret', hint: 'trunkPasswordHint' },
    { path: 'callerId', label: 'trunkCallerId', kind: 'text' },
    { path: 'recording', label: 'recordingPolicy', kind: 'select', options: RECORDING_POLICIES, hint: 'recordingPolicyHint' },
  ],
  blank: { type: 'registration', preset: 'sipgate' },
  validate(v) {
    const e: FieldChecks = {};
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(str(v.id))) e.id = 'checkSlugLetterFirst';
    if (!str(v.name)) e.name = 'checkRequired';
    if (!str(v.preset) && !str(v.server)) e.server = 'trunkCheckServer';
    if (v.type === 'registration' && !str(v.username)) e.username = 'trunkCheckUsername';
    if (v.type === 'registration' && !str(v.password)) e.password = 'trunkCheckPassword';
    return e;
  },
};
