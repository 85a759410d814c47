import { describe, expect, it } from 'vitest';
import type { TextKey } from '../i18n.js';
import { issuesByField, toBody, toValues, type FieldSpec } from './form.js';

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
