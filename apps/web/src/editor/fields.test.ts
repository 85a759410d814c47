import { nodeCatalogue, nodeTypeDescription } from '@stumpfworks/flow';
import { describe, expect, it } from 'vitest';
import { defaultParams } from './defaults.js';
import { fieldKind, hoursRules, pairsToText, paramShape, specialDatesToText, textToPairs, textToSpecialDates, toggleDay } from './fields.js';

const kinds = (type: string, params = defaultParams(type)) => {
  const description = nodeCatalogue.find((d) => d.type === type)!;
  return Object.fromEntries(Object.entries(paramShape(description.params, params)).map(([key, schema]) => [key, fieldKind(key, schema).kind]));
};

describe('inspector fields from the catalogue', () => {
  it('gives every node type valid default params and a labelled field for every param', () => {
    for (const description of nodeCatalogue) {
      const params = defaultParams(description.type);
      expect(description.params.safeParse(params).success, description.type).toBe(true);
      for (const key of Object.keys(paramShape(description.params, params))) {
        expect(description.paramLabels[key], `${description.type}.${key}`).toBeDefined();
      }
    }
  });

  it('picks inputs by schema: numbers, selects for enums, lists, prompts', () => {
    expect(kinds('Dial')).toEqual({ targets: 'list', strategy: 'select', ringSeconds: 'number', answeredBy: 'text' });
    expect(kinds('Menu')).toEqual({ prompt: 'prompt', timeoutSeconds: 'number', maxAttempts: 'number', countRetries: 'select', directDial: 'list' });
    expect(kinds('Start')).toEqual({ number: 'text', language: 'select' });
  });

  it('reads number bounds and nullable enums', () => {
    const dial = nodeCatalogue.find((d) => d.type === 'Dial')!;
    expect(fieldKind('ringSeconds', paramShape(dial.params, {}).ringSeconds!)).toEqual({ kind: 'number', min: 5, max: 300 });
    const time = nodeCatalogue.find((d) => d.type === 'TimeCondition')!;
    expect(fieldKind('holidays', paramShape(time.params, {}).holidays!)).toMatchObject({ kind: 'select', nullable: true });
  });

  it('offers the operators of a discriminated union as a select', () => {
    expect(kinds('Condition')).toMatchObject({ operator: 'select', subject: 'text', value: 'text' });
    const condition = nodeCatalogue.find((d) => d.type === 'Condition')!;
    expect(fieldKind('operator', paramShape(condition.params, { operator: 'regex' }).operator!)).toMatchObject({ options: ['equals', 'regex'] });
  });

  it('has a label in both languages for every option of every select, so no dropdown shows a stored value', () => {
    let selects = 0;
    for (const description of nodeCatalogue) {
      const shape = paramShape(description.params, defaultParams(description.type));
      const labels = nodeTypeDescription(description.type)!.valueLabels;
      for (const [key, schema] of Object.entries(shape)) {
        const field = fieldKind(key, schema);
        if (field.kind !== 'select') continue;
        selects++;
        for (const option of field.options) {
          const label = labels?.[key]?.[option];
          expect(label?.de && label.en, `${description.type}.${key} = ${option}`).toBeTruthy();
        }
      }
    }
    expect(selects).toBe(12);
  });

  it('edits an HTTP request: method select, URL and body text, the response mapping as pairs', () => {
    expect(kinds('HttpRequest')).toEqual({ method: 'select', url: 'text', body: 'text', timeoutSeconds: 'number', responseMapping: 'pairs' });
    const http = nodeCatalogue.find((d) => d.type === 'HttpRequest')!;
    expect(fieldKind('responseMapping', paramShape(http.params, {}).responseMapping!)).toEqual({ kind: 'pairs', keys: ['variable', 'path'] });
  });

  it('edits opening hours with weekday boxes and times, never as JSON; a new node is open Mon–Fri 08:00–18:00', () => {
    expect(kinds('TimeCondition')).toEqual({ timezone: 'text', weekly: 'hours', closedDates: 'list', holidays: 'select', specialDates: 'dates' });
    expect(defaultParams('TimeCondition').weekly).toEqual([{ days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }]);
    for (const description of nodeCatalogue) expect(Object.values(kinds(description.type))).not.toContain('json');
  });

  it('switches weekdays on and off in one rule, keeping them in order', () => {
    const rules = hoursRules([{ days: [1, 5], from: '08:00', to: '12:00' }, { days: [6], from: '09:00', to: '12:00' }]);
    expect(toggleDay(rules, 0, 3, true)[0]!.days).toEqual([1, 3, 5]);
    expect(toggleDay(rules, 0, 5, true)[0]!.days).toEqual([1, 5]);
    expect(toggleDay(rules, 0, 1, false)[0]!.days).toEqual([5]);
    expect(toggleDay(rules, 0, 3, true)[1]).toBe(rules[1]);
    expect(hoursRules('nonsense')).toEqual([]);
    expect(hoursRules([{ days: 'x' }])).toEqual([{ days: [], from: '', to: '' }]);
  });

  it('writes special dates as lines and reads them back; what is not a date or hours stays for validation to name', () => {
    const dates = [
      { date: '2026-12-31', open: [{ from: '08:00', to: '13:00' }, { from: '14:00', to: '16:00' }] },
      { date: '2026-08-10', until: '2026-08-21', open: [] },
    ];
    expect(specialDatesToText(dates)).toBe('2026-12-31 08:00-13:00, 14:00-16:00\n2026-08-10..2026-08-21');
    expect(textToSpecialDates(' 2026-12-31   08:00-13:00,14:00 - 16:00\n\n2026-08-10..2026-08-21 ')).toEqual(dates);
    expect(textToSpecialDates('31.12. 8-13, 14')).toEqual([{ date: '31.12.', open: [{ from: '8', to: '13' }, { from: '14', to: '' }] }]);
    expect(specialDatesToText(undefined)).toBe('');
    const time = nodeCatalogue.find((d) => d.type === 'TimeCondition')!;
    expect(time.params.safeParse({ specialDates: textToSpecialDates(specialDatesToText(dates)) }).data?.specialDates).toEqual(dates);
  });

  it('writes pairs as lines and reads them back', () => {
    const keys: [string, string] = ['variable', 'path'];
    const mapping = [
      { variable: 'TIER', path: 'customer.tier' },
      { variable: 'ID', path: 'customer.id' },
    ];
    expect(pairsToText(mapping, keys)).toBe('TIER = customer.tier\nID = customer.id');
    expect(textToPairs('TIER = customer.tier\n\n  ID=customer.id \nHALF', keys)).toEqual([...mapping, { variable: 'HALF', path: '' }]);
    expect(pairsToText(undefined, keys)).toBe('');
  });
});
