import { zoneParts } from './local-time.js';

/** A wall-clock date and time without a zone, as written in `2026-06-03T10:00:00`. */
export interface WallTime {
  year: number;
  /** 1-12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallOf(date: Date, timeZone: string): WallTime {
  const parts = zoneParts(date, timeZone);
  // Some engines write midnight as "24" even with h23.
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function wallMillis(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** The zone's offset from UTC at an instant, in minutes (+120 for Berlin in summer). */
export function utcOffsetMinutes(date: Date, timeZone: string): number {
  const whole = Math.floor(date.getTime() / 1000) * 1000;
  return Math.round((wallMillis(wallOf(new Date(whole), timeZone)) - whole) / 60_000);
}

/**
 * The instant a wall-clock time names in a time zone. Of a time that happens twice (the hour the
 * clocks go back) the earlier one; a time the clocks skip (the hour they go forward) names no
 * instant: undefined. An unknown zone throws a RangeError.
 *
 * @example
 * instantInZone({ year: 2026, month: 6, day: 3, hour: 10, minute: 0, second: 0 }, 'Europe/Berlin'); // 2026-06-03T08:00:00.000Z
 */
export function instantInZone(wall: WallTime, timeZone: string): Date | undefined {
  const asUtc = wallMillis(wall);
  // The offsets a day either side of the guess are both offsets around a change near it.
  const offsets = [...new Set([asUtc - 3_600_000 * 26, asUtc, asUtc + 3_600_000 * 26].map((t) => utcOffsetMinutes(new Date(t), timeZone)))];
  const candidates = offsets
    .map((offset) => asUtc - offset * 60_000)
    .sort((a, b) => a - b)
    .filter((t) => wallMillis(wallOf(new Date(t), timeZone)) === asUtc);
  return candidates.length > 0 ? new Date(candidates[0]!) : undefined;
}

/**
 * An instant as the zone's wall-clock time with its offset, to the second: what a person there
 * reads, and an `--at` value that names the same instant again.
 *
 * @example
 * isoInZone(new Date('2026-06-03T08:00:00Z'), 'Europe/Berlin'); // '2026-06-03T10:00:00+02:00'
 */
export function isoInZone(date: Date, timeZone: string): string {
  const w = wallOf(date, timeZone);
  const offset = utcOffsetMinutes(date, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${String(w.year).padStart(4, '0')}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}:${two(w.second)}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}
