import { instantInZone, isoInZone, localTime } from '@stumpfworks/flow';

export type Granularity = 'hour' | 'day' | 'week';

/**
 * The local hours of a range of calendar days in a time zone, DST-correct: stepping real hours
 * (UTC) from the first local midnight, so the day the clocks go back has 25 hours (02:00 twice)
 * and the day they go forward 23. Each hour knows its local weekday, hour and date, which place a
 * call in the heatmap and in its day or week without asking Intl once per call.
 */
export interface LocalHours {
  /** Epoch ms each hour starts; the range ends at `end`. */
  starts: number[];
  end: number;
  /** ISO weekday (1 = Monday ... 7 = Sunday) and hour of day (0-23) of each hour. */
  weekday: number[];
  hour: number[];
  /** `YYYY-MM-DD` of each hour, local. */
  date: string[];
}

/** A `YYYY-MM-DD` calendar date plus `days`, as text. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The instant a local day starts: midnight, or the first whole hour after it where midnight is skipped. */
export function startOfDay(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  for (let hour = 0; hour < 24; hour++) {
    const instant = instantInZone({ year, month, day, hour, minute: 0, second: 0 }, timeZone);
    if (instant) return instant.getTime();
  }
  throw new RangeError(`no hour of ${date} exists in ${timeZone}`);
}

/** The local hours from the start of `from` to the end of `to` (both `YYYY-MM-DD`, inclusive). */
export function localHours(from: string, to: string, timeZone: string): LocalHours {
  const start = startOfDay(from, timeZone);
  const end = startOfDay(addDays(to, 1), timeZone);
  const hours: LocalHours = { starts: [], end, weekday: [], hour: [], date: [] };
  for (let t = start; t < end; t += 3_600_000) {
    const local = localTime(new Date(t), timeZone);
    hours.starts.push(t);
    hours.weekday.push(local.isoWeekday);
    hours.hour.push(Number(local.hhmm.slice(0, 2)));
    hours.date.push(local.date);
  }
  return hours;
}

/**
 * The buckets of a granularity over the hours: for each hour the bucket it falls in, and each
 * bucket's start as local time with its offset (`2026-10-25T02:00:00+01:00`). A week starts on
 * Monday (ISO); the first bucket starts with the range even in mid-week.
 */
export function bucketsOf(hours: LocalHours, granularity: Granularity, timeZone: string): { bucketOfHour: number[]; starts: string[] } {
  const bucketOfHour: number[] = [];
  const starts: string[] = [];
  for (let i = 0; i < hours.starts.length; i++) {
    const newDay = i === 0 || hours.date[i] !== hours.date[i - 1];
    const opens = i === 0 || granularity === 'hour' || (newDay && (granularity === 'day' || hours.weekday[i] === 1));
    if (opens) starts.push(isoInZone(new Date(hours.starts[i]!), timeZone));
    bucketOfHour.push(starts.length - 1);
  }
  return { bucketOfHour, starts };
}
