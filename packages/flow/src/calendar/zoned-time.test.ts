import { describe, expect, it } from 'vitest';
import { instantInZone, isoInZone, utcOffsetMinutes, type WallTime } from './zoned-time.js';

const wall = (text: string): WallTime => {
  const [year, month, day, hour, minute, second] = text.split(/[-T:]/).map(Number) as [number, number, number, number, number, number];
  return { year, month, day, hour, minute, second };
};

describe('instantInZone', () => {
  it('reads a wall-clock time in the zone, summer and winter', () => {
    expect(instantInZone(wall('2026-06-03T10:00:00'), 'Europe/Berlin')?.toISOString()).toBe('2026-06-03T08:00:00.000Z');
    expect(instantInZone(wall('2026-01-15T10:00:30'), 'Europe/Berlin')?.toISOString()).toBe('2026-01-15T09:00:30.000Z');
    expect(instantInZone(wall('2026-06-03T10:00:00'), 'America/New_York')?.toISOString()).toBe('2026-06-03T14:00:00.000Z');
    expect(instantInZone(wall('2026-06-03T10:00:00'), 'UTC')?.toISOString()).toBe('2026-06-03T10:00:00.000Z');
  });

  it('gives the earlier of a time that happens twice, and none for a time the clocks skip', () => {
    // Berlin: 2026-10-25 03:00 CEST -> 02:00 CET, so 02:30 happens twice; 2026-03-29 02:00 -> 03:00.
    expect(instantInZone(wall('2026-10-25T02:30:00'), 'Europe/Berlin')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(instantInZone(wall('2026-03-29T02:30:00'), 'Europe/Berlin')).toBeUndefined();
    expect(instantInZone(wall('2026-03-29T03:00:00'), 'Europe/Berlin')?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('throws a RangeError for an unknown zone', () => {
    expect(() => instantInZone(wall('2026-06-03T10:00:00'), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('isoInZone and utcOffsetMinutes', () => {
  it('write the wall-clock time with its offset', () => {
    expect(isoInZone(new Date('2026-06-03T08:00:00Z'), 'Europe/Berlin')).toBe('2026-06-03T10:00:00+02:00');
    expect(isoInZone(new Date('2026-12-31T23:30:05Z'), 'Europe/Berlin')).toBe('2027-01-01T00:30:05+01:00');
    expect(isoInZone(new Date('2026-06-03T08:00:00Z'), 'America/St_Johns')).toBe('2026-06-03T05:30:00-02:30');
    expect(utcOffsetMinutes(new Date('2026-06-03T08:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });

  it('round-trip: the text names the same instant', () => {
    for (const iso of ['2026-03-29T00:59:59Z', '2026-03-29T01:00:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z']) {
      expect(new Date(isoInZone(new Date(iso), 'Europe/Berlin')).toISOString()).toBe(new Date(iso).toISOString());
    }
  });
});
