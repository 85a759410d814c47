import { describe, expect, it } from 'vitest';
import { isOpenAt, openingDecision, type TimeConditionParams } from './opening-hours.js';

const office = (holidays: TimeConditionParams['holidays'], extra: Partial<TimeConditionParams> = {}): TimeConditionParams => ({
  timezone: 'Europe/Berlin',
  weekly: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }],
  closedDates: [],
  holidays,
  specialDates: [],
  ...extra,
});

describe('isOpenAt', () => {
  it('is closed on Fronleichnam in Bavaria and open in Berlin (2026-06-04 10:00)', () => {
    const at = new Date('2026-06-04T08:00:00Z');
    expect(isOpenAt(office('BY'), at)).toBe(false);
    expect(isOpenAt(office('BE'), at)).toBe(true);
    expect(isOpenAt(office(null), at)).toBe(true);
  });

  it('includes from and excludes to, in local time', () => {
    expect(isOpenAt(office(null), new Date('2026-06-03T05:59:00Z'))).toBe(false);
    expect(isOpenAt(office(null), new Date('2026-06-03T06:00:00Z'))).toBe(true);
    expect(isOpenAt(office(null), new Date('2026-06-03T15:59:00Z'))).toBe(true);
    expect(isOpenAt(office(null), new Date('2026-06-03T16:00:00Z'))).toBe(false);
  });

  it('follows daylight saving time: 08:00 is 07:00 UTC in winter', () => {
    expect(isOpenAt(office(null), new Date('2026-01-14T07:00:00Z'))).toBe(true);
    expect(isOpenAt(office(null), new Date('2026-01-14T06:59:00Z'))).toBe(false);
  });

  it('closes on extra dates and at weekends', () => {
    const params = office(null, { closedDates: ['2026-06-03'] });
    expect(isOpenAt(params, new Date('2026-06-03T10:00:00Z'))).toBe(false);
    expect(isOpenAt(office(null), new Date('2026-06-06T10:00:00Z'))).toBe(false);
  });

  it('reads closed dates in the time zone, not in UTC', () => {
    const params = office(null, { closedDates: ['2026-06-04'], weekly: [{ days: [3, 4], from: '00:00', to: '24:00' }] });
    expect(isOpenAt(params, new Date('2026-06-03T22:30:00Z'))).toBe(false);
    expect(isOpenAt(params, new Date('2026-06-03T21:30:00Z'))).toBe(true);
  });

  it('accepts 24:00 as the end of the day', () => {
    const params = office(null, { weekly: [{ days: [7], from: '20:00', to: '24:00' }] });
    expect(isOpenAt(params, new Date('2026-06-07T21:59:00Z'))).toBe(true);
    expect(isOpenAt(params, new Date('2026-06-07T22:00:00Z'))).toBe(false);
  });

  it('is closed without weekly rules', () => {
    expect(isOpenAt(office(null, { weekly: [] }), new Date('2026-06-03T10:00:00Z'))).toBe(false);
  });

  it('runs a window across midnight into the next weekday, Sunday night into Monday', () => {
    const params = office(null, { weekly: [{ days: [5, 7], from: '22:00', to: '02:00' }] });
    const at = (local: string) => isOpenAt(params, new Date(local));
    expect(at('2026-06-05T21:59:00+02:00')).toBe(false); // Friday
    expect(at('2026-06-05T22:00:00+02:00')).toBe(true);
    expect(at('2026-06-06T01:59:00+02:00')).toBe(true); // Saturday morning
    expect(at('2026-06-06T02:00:00+02:00')).toBe(false);
    expect(at('2026-06-06T23:00:00+02:00')).toBe(false); // Saturday night is not in the rule
    expect(at('2026-06-08T00:30:00+02:00')).toBe(true); // Monday, after Sunday night
    expect(at('2026-06-09T00:30:00+02:00')).toBe(false); // Tuesday: Monday night is not in the rule
  });

  it('gives the part after midnight to the next date: a holiday closes it', () => {
    // Thursday 2026-06-04 is Fronleichnam in Bavaria.
    const params = office('BY', { weekly: [{ days: [3, 4], from: '20:00', to: '06:00' }] });
    expect(openingDecision(params, new Date('2026-06-03T23:00:00+02:00'))).toEqual({ open: true, by: 'weekly' });
    expect(openingDecision(params, new Date('2026-06-04T01:00:00+02:00'))).toEqual({ open: false, by: 'holidays' });
    expect(openingDecision(params, new Date('2026-06-05T01:00:00+02:00'))).toEqual({ open: true, by: 'weekly' });
  });

  it('keeps the night window in wall-clock time across the switch to summer time', () => {
    // 2026-03-29 (Sunday) 02:00 CET becomes 03:00 CEST.
    const params = office(null, { weekly: [{ days: [6], from: '23:00', to: '04:00' }] });
    expect(isOpenAt(params, new Date('2026-03-29T00:59:00Z'))).toBe(true); // 01:59 CET
    expect(isOpenAt(params, new Date('2026-03-29T01:00:00Z'))).toBe(true); // 03:00 CEST
    expect(isOpenAt(params, new Date('2026-03-29T01:59:00Z'))).toBe(true); // 03:59 CEST
    expect(isOpenAt(params, new Date('2026-03-29T02:00:00Z'))).toBe(false); // 04:00 CEST
  });

  it('opens a special date only during its own hours: 31 December closed from 13:00', () => {
    const params = office(null, { specialDates: [{ date: '2026-12-31', open: [{ from: '08:00', to: '13:00' }] }] });
    expect(openingDecision(params, new Date('2026-12-31T12:59:00+01:00'))).toEqual({ open: true, by: 'specialDates' });
    expect(openingDecision(params, new Date('2026-12-31T13:00:00+01:00'))).toEqual({ open: false, by: 'specialDates' });
    expect(openingDecision(params, new Date('2026-12-30T13:00:00+01:00'))).toEqual({ open: true, by: 'weekly' });
  });

  it('closes a range of dates, both ends included (company holidays)', () => {
    const params = office(null, { specialDates: [{ date: '2026-08-10', until: '2026-08-21', open: [] }] });
    expect(isOpenAt(params, new Date('2026-08-07T10:00:00+02:00'))).toBe(true);
    expect(isOpenAt(params, new Date('2026-08-10T10:00:00+02:00'))).toBe(false);
    expect(isOpenAt(params, new Date('2026-08-21T17:00:00+02:00'))).toBe(false);
    expect(isOpenAt(params, new Date('2026-08-24T10:00:00+02:00'))).toBe(true);
  });

  it('puts a special date over a holiday, and a holiday over the weekly hours', () => {
    const params = office('BY', { specialDates: [{ date: '2026-06-04', open: [{ from: '10:00', to: '14:00' }] }] });
    expect(openingDecision(params, new Date('2026-06-04T11:00:00+02:00'))).toEqual({ open: true, by: 'specialDates' });
    expect(openingDecision(params, new Date('2026-06-04T09:00:00+02:00'))).toEqual({ open: false, by: 'specialDates' });
    // A Saturday with special hours opens although no weekly rule has Saturday.
    const saturday = office(null, { specialDates: [{ date: '2026-06-06', open: [{ from: '09:00', to: '12:00' }] }] });
    expect(isOpenAt(saturday, new Date('2026-06-06T10:00:00+02:00'))).toBe(true);
    expect(openingDecision(office('BY'), new Date('2026-06-04T11:00:00+02:00'))).toEqual({ open: false, by: 'holidays' });
  });

  it('counts a closed date as a special date', () => {
    expect(openingDecision(office('BY', { closedDates: ['2026-06-04'] }), new Date('2026-06-04T11:00:00+02:00'))).toEqual({ open: false, by: 'specialDates' });
  });
});
