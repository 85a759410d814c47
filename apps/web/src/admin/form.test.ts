import { describe, expect, it } from 'vitest';
import { translator, type TextKey } from '../i18n.js';
import { issuesByField, optionLabel, optionText, toBody, toValues, type FieldOption, type FieldSpec } from './form.js';
import { extensionSpec, trunkSpec } from './pages.js';
import { inboundSpec } from './routes.js';

const l: TextKey = 'fieldId';
const fields: FieldSpec[] = [
  { path: 'id', label: l, kind: 'text', createOnly: true },
  { path: 'codecs', label: l, kind: 'list' },
  { path: 'voicemail.enabled', label: l, kind: 'checkbox' },
  { path: 'voicemail.pin', label: l, kind: 'text' },
  { path: 'max', label: l, kind: 'number' },
  { path: 'secret', label: l, kind: 'secret' },
];

describe('admin form values', () => {
  it('round-trips an item, leaving out empty text and the secret', () => {
    const values = toValues(fields, { id: '1000', codecs: ['ulaw', 'alaw'], voicemail: { enabled: true, pin: '1234' }, max: 5, secret: 's3cret' });
    expect(values).toEqual({ id: '1000', codecs: 'ulaw, alaw', 'voicemail.enabled': true, 'voicemail.pin': '1234', max: '5', secret: '' });
    expect(toBody(fields, values)).toEqual({ id: '1000', codecs: ['ulaw', 'alaw'], voicemail: { enabled: true, pin: '1234' }, max: 5 });
  });
  it('puts server issues on their fields', () => {
    expect(issuesByField(fields, [{ path: 'voicemail.pin', message: 'a' }, { path: 'codecs[1]', message: 'b' }, { path: 'other', message: 'c' }])).toEqual({
      'voicemail.pin': 'a',
      codecs: 'b',
      '': 'c',
    });
  });
});

describe('admin texts in the UI language', () => {
  const de = translator('de');
  const en = translator('en');
  const options: FieldOption[] = [{ value: '', label: 'trunkNoPreset' }, 'sipgate', { value: 'flow', label: 'inboundTargetFlow' }];

  it('shows a choice by its text, a plain or unknown value as it is', () => {
    expect(options.map((o) => optionText(o, de))).toEqual(['keine (eigener Server)', 'sipgate', 'Ablauf']);
    expect(optionLabel(options, 'flow', en)).toBe('Flow');
    expect(optionLabel(options, 'sipgate', en)).toBe('sipgate');
    expect(optionLabel(options, 'queue', de)).toBe('queue');
  });

  it('gives the checks as you type in both languages', () => {
    const checks = extensionSpec.validate!({ id: '0123', name: '', secret: 'kurz', 'voicemail.pin': '12' }, true);
    expect(Object.fromEntries(Object.entries(checks).map(([path, key]) => [path, de(key)]))).toEqual({
      id: 'Eine Nebenstellennummer hat 2 bis 6 Ziffern und beginnt nicht mit 0',
      name: 'Bitte ausfüllen',
      secret: 'Unsicheres Passwort: mindestens 16 Zeichen',
      'voicemail.pin': 'Muss aus 4 bis 10 Ziffern bestehen',
    });
    expect(en(extensionSpec.validate!({ id: '1010', name: 'Empfang', secret: 'abcdefgh-1010-xyz' }, true).secret!)).toBe(
      'weak secret: must not contain the extension number',
    );
    expect(trunkSpec.validate!({ id: 'x', name: 'x', preset: '', server: '', type: 'registration', username: '', password: '' }, true)).toEqual({
      server: 'trunkCheckServer',
      username: 'trunkCheckUsername',
      password: 'trunkCheckPassword',
    });
  });

  it('shows table values in the UI language', () => {
    const route = { id: 'zentrale', did: '4930100', target: { type: 'flow' as const, id: 'musterfirma' } };
    const target = inboundSpec.columns.find((c) => c.key === 'target')!;
    expect(target.value(route, de)).toBe('Ablauf musterfirma');
    expect(target.value({ ...route, target: { type: 'extension', id: '1000' } }, en)).toBe('Extension 1000');
  });
});
