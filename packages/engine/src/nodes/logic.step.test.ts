import { describe, expect, it } from 'vitest';
import { clockAt, drive, testFlow } from '../testing.js';
import { regexConditionHolds } from './condition.step.js';

const branch = (params: Record<string, unknown>, before: Array<{ id: string; type: string; params?: Record<string, unknown> }> = []) =>
  testFlow(
    [
      { id: 's', type: 'Start' },
      ...before,
      { id: 'c', type: 'Condition', params },
      { id: 'yes', type: 'Hangup' },
      { id: 'no', type: 'Hangup' },
    ],
    [before.length ? `s.next->${before[0]!.id}` : 's.next->c', ...before.map((b, i) => `${b.id}.next->${before[i + 1]?.id ?? 'c'}`), 'c.true->yes', 'c.false->no'],
  );
const ends = (flow: ReturnType<typeof branch>, callerId = '0301234567') => drive(flow, [], { callerId }).effects.at(-1);

describe('Condition', () => {
  it('compares the caller ID as a string, never as a number', () => {
    expect(ends(branch({ subject: 'callerId', operator: 'equals', value: '0049' }), '0049')).toBe('end hangup test/yes');
    expect(ends(branch({ subject: 'callerId', operator: 'equals', value: '0049' }), '49')).toBe('end hangup test/no');
  });

  it('matches a regex against the whole value', () => {
    const flow = branch({ subject: 'callerId', operator: 'regex', value: '030[0-9]+|089' });
    expect(ends(flow, '0301234')).toBe('end hangup test/yes');
    expect(ends(flow, '089')).toBe('end hangup test/yes');
    expect(ends(flow, '0891')).toBe('end hangup test/no');
    expect(ends(flow, '49030123')).toBe('end hangup test/no');
  });

  it('reads an unset variable as the empty string', () => {
    expect(ends(branch({ subject: 'TIER', operator: 'equals', value: '' }))).toBe('end hangup test/yes');
    expect(ends(branch({ subject: 'TIER', operator: 'regex', value: '.*' }))).toBe('end hangup test/yes');
  });

  it('compares hostile caller numbers as plain strings: an attack on the dialplan is just another number here', () => {
    const flow = branch({ subject: 'callerId', operator: 'equals', value: '0891234' });
    for (const caller of ['0891234):0', '0301"|"1', '"|1|"', '$[1]', '${EXTEN}', '0891234 ', 'x" = "x']) {
      expect([caller, ends(flow, caller)]).toEqual([caller, 'end hangup test/no']);
    }
    expect(ends(branch({ subject: 'callerId', operator: 'equals', value: 'x):0' }), 'x):0')).toBe('end hangup test/yes');
  });

  it('lets a regex match only values of the subject alphabet, up to 1000 characters', () => {
    const anything = branch({ subject: 'callerId', operator: 'regex', value: '.*' });
    for (const caller of ['', '+49 89-123.45', 'a#b*c_d@e:f', 'a'.repeat(200)]) expect([caller, ends(anything, caller)]).toEqual([caller, 'end hangup test/yes']);
    for (const caller of ['Müller', '0891234"', 'a(b)', 'a,b', '$[1]', 'tab\there']) expect([caller, ends(anything, caller)]).toEqual([caller, 'end hangup test/no']);
    expect(regexConditionHolds('a+', 'a'.repeat(1000))).toBe(true);
    expect(regexConditionHolds('a+', 'a'.repeat(1001))).toBe(false);
  });

  it('treats a caller number of more than 254 UTF-8 bytes as satisfying no condition (CALLERID(num) would cut it)', () => {
    const value = 'ü'.repeat(127); // 254 bytes
    expect(ends(branch({ subject: 'callerId', operator: 'equals', value }), value)).toBe('end hangup test/yes');
    expect(ends(branch({ subject: 'callerId', operator: 'regex', value: '[0-9]+' }), '1'.repeat(254))).toBe('end hangup test/yes');
    expect(ends(branch({ subject: 'callerId', operator: 'regex', value: '[0-9]+' }), '1'.repeat(255))).toBe('end hangup test/no');
    expect(ends(branch({ subject: 'callerId', operator: 'equals', value: `${value}a` }), `${value}a`)).toBe('end hangup test/no');
  });

  it('reads a variable set earlier', () => {
    const set = [{ id: 'v', type: 'SetVariable', params: { name: 'TIER', value: 'gold' } }];
    expect(ends(branch({ subject: 'TIER', operator: 'equals', value: 'gold' }, set))).toBe('end hangup test/yes');
  });
});

describe('TimeCondition', () => {
  const hours = (holidays: string | null) =>
    testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 't', type: 'TimeCondition', params: { weekly: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }], holidays } },
        { id: 'open', type: 'Hangup' },
        { id: 'closed', type: 'Hangup' },
      ],
      ['s.next->t', 't.open->open', 't.closed->closed'],
    );
  const at = (iso: string, holidays: string | null = null) => drive(hours(holidays), [], { clock: clockAt(iso) }).effects.at(-1);

  it('is closed on Fronleichnam in Bavaria and open in Berlin', () => {
    expect(at('2026-06-04T10:00:00+02:00', 'BY')).toBe('end hangup test/closed');
    expect(at('2026-06-04T10:00:00+02:00', 'BE')).toBe('end hangup test/open');
  });

  it('reads the clock in the node’s time zone across daylight saving time', () => {
    expect(at('2026-03-27T07:30:00Z')).toBe('end hangup test/open'); // Friday 08:30 CET
    expect(at('2026-03-30T06:30:00Z')).toBe('end hangup test/open'); // Monday 08:30 CEST
    expect(at('2026-03-30T05:30:00Z')).toBe('end hangup test/closed'); // Monday 07:30 CEST
    expect(at('2026-10-26T06:59:00Z')).toBe('end hangup test/closed'); // Monday 07:59 CET
  });
});
