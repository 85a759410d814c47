import type { NodeOf } from '../flow.schema.js';
import { germanHolidays } from './holidays.js';
import { localTime } from './local-time.js';

/** The params of a TimeCondition node. */
export type TimeConditionParams = NodeOf<'TimeCondition'>['params'];

/**
 * Whether a TimeCondition is open at an instant, read in its time zone: closed on `closedDates`
 * and on the holidays of `holidays`; otherwise open when a weekly rule has the ISO weekday and
 * `from <= HH:MM < to` (`to` may be `24:00`, the end of the day).
 *
 * @example
 * isOpenAt({ timezone: 'Europe/Berlin', weekly: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }],
 *   closedDates: [], holidays: 'BY' }, new Date('2026-06-04T08:00:00Z')); // false: Fronleichnam
 */
export function isOpenAt(params: TimeConditionParams, now: Date): boolean {
  const local = localTime(now, params.timezone);
  if (params.closedDates.includes(local.date)) return false;
  if (params.holidays && germanHolidays(local.year, params.holidays).some((h) => h.date === local.date)) return false;
  return params.weekly.some((rule) => rule.days.includes(local.isoWeekday) && rule.from <= local.hhmm && local.hhmm < rule.to);
}
