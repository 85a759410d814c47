import { germanHolidays, HOLIDAY_YEARS } from '@stumpfworks/flow';
import { describe, expect, it } from 'vitest';
import { compileNode, steps } from '../testing.js';
import { hhmm } from './time-condition.compile.js';

const hours = (params: Record<string, unknown>) => ({ id: 'hours', type: 'TimeCondition', params });

describe('compileTimeCondition', () => {
  it('reads the injected clock in the time zone and compares weekday and HHMM', () => {
    const { s, ir } = compileNode(
      hours({ timezone: 'Europe/Vienna', weekly: [{ days: [5, 1, 2], from: '08:30', to: '24:00' }] }),
      ['open', 'closed'],
    );
    expect(s).toEqual([
      'UserEvent(SWFlowNode,flow: f,node: hours)',
      'CELGenUserEvent(SWFlowNode,f//hours)',
      'Set(SWF_T=${IF($["${SWF_NOW}" = ""]?${EPOCH}:${SWF_NOW})})',
      'Set(SWF_WD=${STRFTIME(${SWF_T},Europe/Vienna,%u)})',
      'Set(SWF_D=${STRFTIME(${SWF_T},Europe/Vienna,%Y%m%d)})',
      'Set(SWF_HM=${STRFTIME(${SWF_T},Europe/Vienna,%H%M)})',
      'GotoIf($[(${SWF_WD} = 1 | ${SWF_WD} = 2 | ${SWF_WD} = 5) & ${SWF_HM} >= 830 & ${SWF_HM} < 2400]?open)',
      '(closed) Goto(swf-f-to-closed,s,1)',
      '(open) Goto(swf-f-to-open,s,1)',
    ]);
    expect(ir.contexts.map((c) => c.name)).not.toContain('swf-f-hours-closed');
  });

  it('is always closed without weekly rules', () => {
    const { s } = compileNode(hours({}), ['open', 'closed']);
    expect(s.slice(6)).toEqual(['(closed) Goto(swf-f-to-closed,s,1)', '(open) Goto(swf-f-to-open,s,1)']);
  });

  it('looks closed dates and holidays up in a context of YYYYMMDD extensions', () => {
    const { s, ir } = compileNode(hours({ holidays: 'BY', closedDates: ['2026-12-24', '2026-12-25'] }), ['open', 'closed']);
    expect(s[6]).toBe('GotoIf(${DIALPLAN_EXISTS(swf-f-hours-closed,${SWF_D},1)}?closed)');
    const closed = ir.contexts.find((c) => c.name === 'swf-f-hours-closed')!;
    const names = closed.extensions.map((e) => e.name);
    const holidays = new Set<string>(['20261224', '20261225']);
    for (let year = HOLIDAY_YEARS.from; year <= HOLIDAY_YEARS.to; year++) {
      for (const h of germanHolidays(year, 'BY')) holidays.add(h.date.replaceAll('-', ''));
    }
    expect(names).toEqual([...holidays].sort());
    expect(names).toContain('20260604'); // Fronleichnam 2026
    expect(names).toContain('20600101');
    expect(closed.extensions.find((e) => e.name === '20261224')?.priorities[0]?.comment).toBe('closed date');
    expect(closed.extensions.find((e) => e.name === '20261225')?.priorities[0]?.comment).toBe('closed date');
    expect(steps(closed, '20260604')).toEqual(['NoOp()']);
  });

  it('compiles a window across midnight as two ranges: the evening, and the morning of the next weekdays', () => {
    const { s } = compileNode(
      hours({ weekly: [{ days: [5, 7], from: '22:00', to: '02:30' }, { days: [1], from: '20:00', to: '00:00' }] }),
      ['open', 'closed'],
    );
    expect(s.slice(6, -2)).toEqual([
      'GotoIf($[(${SWF_WD} = 5 | ${SWF_WD} = 7) & ${SWF_HM} >= 2200]?open)',
      'GotoIf($[(${SWF_WD} = 1 | ${SWF_WD} = 6) & ${SWF_HM} < 230]?open)',
      'GotoIf($[(${SWF_WD} = 1) & ${SWF_HM} >= 2000]?open)',
    ]);
  });

  it('checks special dates first, then closed dates and holidays, then the weekly rules', () => {
    const { s } = compileNode(
      hours({
        holidays: 'BY',
        weekly: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }],
        specialDates: [
          { date: '2026-12-31', open: [{ from: '08:00', to: '13:00' }, { from: '14:00', to: '24:00' }] },
          { date: '2026-08-10', until: '2026-08-21' },
        ],
      }),
      ['open', 'closed'],
    );
    expect(s.slice(6)).toEqual([
      'GotoIf($[${SWF_D} = 20261231 & ${SWF_HM} >= 800 & ${SWF_HM} < 1300]?open)',
      'GotoIf($[${SWF_D} = 20261231 & ${SWF_HM} >= 1400 & ${SWF_HM} < 2400]?open)',
      'GotoIf($[${SWF_D} = 20261231]?closed)',
      'GotoIf($[${SWF_D} >= 20260810 & ${SWF_D} <= 20260821]?closed)',
      'GotoIf(${DIALPLAN_EXISTS(swf-f-hours-closed,${SWF_D},1)}?closed)',
      'GotoIf($[(${SWF_WD} = 1 | ${SWF_WD} = 2 | ${SWF_WD} = 3 | ${SWF_WD} = 4 | ${SWF_WD} = 5) & ${SWF_HM} >= 800 & ${SWF_HM} < 1800]?open)',
      '(closed) Goto(swf-f-to-closed,s,1)',
      '(open) Goto(swf-f-to-open,s,1)',
    ]);
  });

  it('turns HH:MM into a number', () => {
    expect([hhmm('00:00'), hhmm('08:05'), hhmm('24:00')]).toEqual([0, 805, 2400]);
  });
});
