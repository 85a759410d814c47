import { describe, expect, it } from 'vitest';
import { localTime } from './local-time.js';

describe('localTime', () => {
  it('reads an instant in Berlin summer time', () => {
    expect(localTime(new Date('2026-06-04T08:00:00Z'), 'Europe/Berlin')).toEqual({
      isoWeekday: 4,
      date: '2026-06-04',
      hhmm: '10:00',
      year: 2026,
    });
  });

  it('follows the switch to summer time (29 March 2026, 02:00 -> 03:00)', () => {
    expect(localTime(new Date('2026-03-29T00:59:00Z'), 'Europe/Berlin').hhmm).toBe('01:59');
    expect(localTime(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin').hhmm).toBe('03:00');
  });

  it('follows the switch back to winter time (25 October 2026)', () => {
    expect(localTime(new Date('2026-10-25T00:30:00Z'), 'Europe/Berlin').hhmm).toBe('02:30');
    expect(localTime(new Date('2026-10-25T01:30:00Z'), 'Europe/Berlin').hhmm).toBe('02:30');
  });

  it('gives midnight as 00:00 and the new day', () => {
    expect(localTime(new Date('2026-12-31T23:00:00Z'), 'Europe/Berlin')).toEqual({
      isoWeekday: 5,
      date: '2027-01-01',
      hhmm: '00:00',
      year: 2027,
    });
  });

  it('numbers Sunday 7 and works in other zones', () => {
    expect(localTime(new Date('2026-06-07T03:00:00Z'), 'America/New_York')).toMatchObject({
      isoWeekday: 6,
      date: '2026-06-06',
      hhmm: '23:00',
    });
    expect(localTime(new Date('2026-06-07T12:00:00Z'), 'UTC').isoWeekday).toBe(7);
  });

  it('throws on an unknown zone', () => {
    expect(() => localTime(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});
