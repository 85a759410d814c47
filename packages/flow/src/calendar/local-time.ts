/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A wall-clock reading in one time zone. */
export interface LocalTime {
  isoWeekday: IsoWeekday;
  /** `YYYY-MM-DD` in the time zone. */
  date: string;
  /** `HH:MM`, 00:00-23:59, in the time zone. */
  hhmm: string;
  year: number;
}

const WEEKDAYS: Record<string, IsoWeekday> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Formatters are costly to build and immutable, so one per time zone is kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** An instant's fields in a time zone as Intl writes them (weekday, year ... second), one cached formatter per zone. */
export function zoneParts(date: Date, timeZone: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(date)) if (part.type !== 'literal') parts[part.type] = part.value;
  return parts;
}

/**
 * The weekday, date and time of day of an instant in a time zone. Uses `Intl`, so it runs in the
 * browser and in Node and follows daylight saving time. An unknown zone throws a RangeError.
 *
 * @example
 * localTime(new Date('2026-03-29T01:30:00Z'), 'Europe/Berlin'); // { isoWeekday: 7, date: '2026-03-29', hhmm: '03:30', year: 2026 }
 */
export function localTime(date: Date, timeZone: string): LocalTime {
  const parts = zoneParts(date, timeZone);
  const isoWeekday = WEEKDAYS[parts.weekday ?? ''];
  if (isoWeekday === undefined) throw new RangeError(`unexpected weekday "${parts.weekday}" from Intl`);
  // Some engines write midnight as "24" even with h23; it is the start of the same day.
  const hour = parts.hour === '24' ? '00' : parts.hour;
  return {
    isoWeekday,
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hhmm: `${hour}:${parts.minute}`,
    year: Number(parts.year),
  };
}
