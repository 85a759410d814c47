import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlow } from '../parse.js';
import { TIME_CONDITION_PRECEDENCE, timeConditionNode } from './time-condition.node.js';

const params = (p: Record<string, unknown>) => timeConditionNode.params.parse(p);
const problems = (p: Record<string, unknown>) => timeConditionNode.diagnose!(params(p), ['open', 'closed']);

describe('TimeCondition params', () => {
  it('reads a schemaVersion 1 node of before special dates the same, with no special dates', () => {
    const old = { timezone: 'Europe/Berlin', weekly: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }], closedDates: ['2026-12-24'], holidays: 'BY' };
    expect(params(old)).toEqual({ ...old, specialDates: [] });
    const example = parseFlow(readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'examples', 'musterfirma.flow.json'), 'utf8'));
    expect(example.ok).toBe(true);
    if (!example.ok) return;
    const hours = example.flow.nodes.find((n) => n.type === 'TimeCondition');
    expect(hours?.params).toMatchObject({ closedDates: ['2026-12-24', '2026-12-31'], holidays: 'BY', specialDates: [] });
  });

  it('accepts a window across midnight and special dates with hours and ranges', () => {
    expect(
      params({
        weekly: [{ days: [5], from: '22:00', to: '02:00' }],
        specialDates: [{ date: '2026-12-31', open: [{ from: '08:00', to: '13:00' }] }, { date: '2026-08-10', until: '2026-08-21' }],
      }).specialDates,
    ).toEqual([
      { date: '2026-12-31', open: [{ from: '08:00', to: '13:00' }] },
      { date: '2026-08-10', until: '2026-08-21', open: [] },
    ]);
  });

  it('reports a date listed twice: in two special dates, or as a closed date and a special date', () => {
    expect(problems({ specialDates: [{ date: '2026-08-10', until: '2026-08-21' }, { date: '2026-08-14', open: [{ from: '08:00', to: '12:00' }] }] })).toEqual([
      {
        code: 'time-condition-date-twice',
        message: {
          de: 'Das Datum 2026-08-14 steht mehrmals in den Schließtagen und Sondertagen, und welche Zeiten gelten, wäre unklar: Lassen Sie jedes Datum nur in einem Eintrag stehen',
          en: 'The date 2026-08-14 is listed more than once in closed dates and special dates, and which hours apply would be unclear: keep each date in one entry only',
        },
      },
    ]);
    expect(problems({ closedDates: ['2026-12-31'], specialDates: [{ date: '2026-12-30', until: '2026-12-31' }] })[0]?.message.en).toMatch(/^The date 2026-12-31 /);
    expect(problems({ closedDates: ['2026-12-24', '2026-12-24'], specialDates: [{ date: '2026-12-23' }, { date: '2026-12-25', until: '2027-01-06' }] })).toEqual([]);
  });

  it('shows the precedence in its description, in the order every engine follows', () => {
    expect(TIME_CONDITION_PRECEDENCE.map((l) => l.layer)).toEqual(['specialDates', 'holidays', 'weekly']);
    expect(timeConditionNode.description.en).toContain('Precedence (the first that applies decides): 1. special dates (closed dates, special hours, company holidays), 2. public holidays, 3. weekly hours');
    expect(timeConditionNode.description.de).toContain('Vorrang (der erste zutreffende Eintrag entscheidet): 1. Sondertage (Schließtage, Sonderzeiten, Betriebsferien), 2. Feiertage, 3. Wochenzeiten');
  });
});
