import { optionLabel, type FieldChecks, type FieldOption, type FormValues } from './form.js';
import { RECORDING_POLICIES } from './recording-policy.js';
import { ResourcePage, type ResourceSpec } from './ResourcePage.js';

const str = (v: FormValues[string] | undefined) => (typeof v === 'string' ? v.trim() : '');
const ID = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** What an inbound route leads to. */
const TARGET_TYPES: readonly FieldOption[] = [
  { value: 'flow', label: 'inboundTargetFlow' },
  { value: 'extension', label: 'inboundTargetExtension' },
];

export const inboundSpec: ResourceSpec<'/routes/inbound'> = {
  path: '/routes/inbound',
  title: 'inboundRoutes',
  columns: [
    { key: 'id', label: 'fieldId', value: (r) => r.id },
    { key: 'did', label: 'inboundDid', value: (r) => r.did },
    { key: 'target', label: 'inboundTarget', value: (r, t) => `${optionLabel(TARGET_TYPES, r.target.type, t)} ${r.target.id}` },
  ],
  fields: [
    { path: 'id', label: 'fieldId', kind: 'text', createOnly: true },
    { path: 'did', label: 'inboundDidOrPattern', kind: 'text', hint: 'inboundDidHint' },
    { path: 'target.type', label: 'inboundTargetType', kind: 'select', options: TARGET_TYPES },
    { path: 'target.id', label: 'inboundTarget', kind: 'text' },
    { path: 'recording', label: 'recordingPolicy', kind: 'select', options: RECORDING_POLICIES, hint: 'recordingPolicyHint' },
    { path: 'consentPrompt', label: 'inboundConsentPrompt', kind: 'text', hint: 'inboundConsentPromptHint' },
  ],
  blank: { 'target.type': 'flow' },
  validate(v) {
    const e: FieldChecks = {};
    if (!ID.test(str(v.id))) e.id = 'checkSlug';
    if (!str(v.did)) e.did = 'checkRequired';
    if (!str(v['target.id'])) e['target.id'] = 'checkRequired';
    return e;
  },
};

export const outboundSpec: ResourceSpec<'/routes/outbound'> = {
  path: '/routes/outbound',
  title: 'outboundRoutes',
  columns: [
    { key: 'id', label: 'fieldId', value: (r) => r.id },
    { key: 'name', label: 'fieldName', value: (r) => r.name },
    { key: 'patterns', label: 'outboundPatterns', value: (r) => r.patterns.join(', ') },
    { key: 'trunks', label: 'outboundTrunks', value: (r, t) => (r.block ? t('outboundBlocked') : r.trunks.join(', ')) },
  ],
  fields: [
    { path: 'id', label: 'fieldId', kind: 'text', createOnly: true },
    { path: 'name', label: 'fieldName', kind: 'text' },
    { path: 'patterns', label: 'outboundPatterns', kind: 'list', hint: 'outboundPatternsHint' },
    { path: 'trunks', label: 'outboundTrunks', kind: 'list' },
    { path: 'strip', label: 'outboundStrip', kind: 'number' },
    { path: 'prepend', label: 'outboundPrepend', kind: 'text' },
    { path: 'block', label: 'outboundBlock', kind: 'checkbox' },
  ],
  validate(v) {
    const e: FieldChecks = {};
    if (!ID.test(str(v.id))) e.id = 'checkSlug';
    if (!str(v.name)) e.name = 'checkRequired';
    if (!str(v.patterns)) e.patterns = 'outboundCheckPatterns';
    return e;
  },
};

/** Inbound and outbound routes, one shared resource page each. */
export function RoutesPage() {
  return (
    <>
      <ResourcePage spec={inboundSpec} />
      <ResourcePage spec={outboundSpec} />
    </>
  );
}
