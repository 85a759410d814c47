import { describe, expect, it } from 'vitest';
import { localTimes, parseAt } from './at.js';

describe('--at', () => {
  it("reads a time without offset in the flows' time zone, not the host's", () => {
    expect(parseAt('2026-06-03T10:00', ['America/New_York']).toISOString()).toBe('2026-06-03T14:00:00.000Z');
    expect(parseAt('2026-06-03T10:00:00', ['Europe/Berlin']).toISOString()).toBe('2026-06-03T08:00:00.000Z');
    expect(parseAt('2026-12-24', ['Europe/Berlin']).toISOString()).toBe('2026-12-23T23:00:00.000Z');
    expect(parseAt('2026-06-03 10:00:00.25', ['Europe/Berlin']).toISOString()).toBe('2026-06-03T08:00:00.250Z');
  });

  it('takes a time with an offset as that instant, whatever the zone', () => {
    expect(parseAt('2026-06-03T10:00:00+02:00', ['America/New_York']).toISOString()).toBe('2026-06-03T08:00:00.000Z');
    expect(parseAt('2026-06-03T10:00:00Z', ['Europe/Berlin']).toISOString()).toBe('2026-06-03T10:00:00.000Z');
  });

  it('refuses what names no instant, with exit code 2', () => {
    for (const [text, why] of [
      ['tomorrow', '"tomorrow" is not a date-time'],
      ['2026-02-31T10:00', '"2026-02-31T10:00" is not a date'],
      ['2026-03-29T02:30', 'is not a time that exists in Europe/Berlin (the clocks skip it)'],
      ['2026-06-03T25:00', 'is not a time that exists in Europe/Berlin'],
    ] as const) {
      expect(() => parseAt(text, ['Europe/Berlin'])).toThrow(why);
    }
    expect(() => parseAt('2026-06-03T10:00', ['Europe/Berlin', 'America/New_York'])).toThrow(
      'has no offset, and the flows read the clock in several time zones (Europe/Berlin, America/New_York): give the offset',
    );
  });

  it('shows the instant as local time with offset and zone', () => {
    expect(localTimes(new Date('2026-06-03T08:00:00Z'), ['Europe/Berlin', 'Asia/Tokyo'])).toBe(
      '2026-06-03T10:00:00+02:00 Europe/Berlin, 2026-06-03T17:00:00+09:00 Asia/Tokyo',
    );
  });
});
