import { describe, expect, it } from 'vitest';
import { isOpenAt, type TimeConditionParams } from './opening-hours.js';

const office = (holidays: TimeConditionParams['holidays'], extra: Partial<TimeConditionParams> = {}): TimeConditionParams => ({
  timezone: 'Europe/Berlin',
  weekly: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }],
  closedDates: [],
  holidays,
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
});
