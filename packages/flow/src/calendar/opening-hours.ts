import type { NodeOf } from '../flow.schema.js';
import { TIME_CONDITION_PRECEDENCE, type TimeLayer } from '../nodes/time-condition.node.js';
import { germanHolidays } from './holidays.js';
import { localTime, type IsoWeekday, type LocalTime } from './local-time.js';

/** The params of a TimeCondition node. */
export type TimeConditionParams = NodeOf<'TimeCondition'>['params'];

/** Open or closed at an instant, and which entries decided it. */
export interface OpeningDecision {
  open: boolean;
  by: TimeLayer;
}

/** `open` or `closed` when a layer has something to say about the date, undefined when it leaves it to the next. */
type Decide = (params: TimeConditionParams, local: LocalTime) => boolean | undefined;

const LAYERS: Record<TimeLayer, Decide> = {
  // A special date's own hours; else a closed date. Validation reports a date listed twice.
  specialDates: (params, { date, hhmm }) => {
    const special = params.specialDates.find((d) => d.date <= date && date <= (d.until ?? d.date));
    if (special) return special.open.some((h) => h.from <= hhmm && hhmm < h.to);
    return params.closedDates.includes(date) ? false : undefined;
  },
  holidays: (params, { date, year }) =>
    params.holidays && germanHolidays(year, params.holidays).some((h) => h.date === date) ? false : undefined,
  // The last layer decides every date: open while a rule matches, closed otherwise.
  weekly: (params, { isoWeekday, hhmm }) => {
    const yesterday = (isoWeekday === 1 ? 7 : isoWeekday - 1) as IsoWeekday;
    return params.weekly.some((rule) =>
      rule.from < rule.to
        ? rule.days.includes(isoWeekday) && rule.from <= hhmm && hhmm < rule.to
        : (rule.days.includes(isoWeekday) && rule.from <= hhmm) || (rule.days.includes(yesterday) && hhmm < rule.to),
    );
  },
};

/**
 * Whether a TimeCondition is open at an instant and why, read in its time zone, the layers asked in
 * the order of TIME_CONDITION_PRECEDENCE: a special date's own hours (a closed date: none), then
 * the holidays of `holidays` (closed), then the weekly rules: open when a rule has the ISO weekday
 * and `from <= HH:MM < to` (`to` may be `24:00`, the end of the day); a rule with `to` before
 * `from` runs across midnight, its part after midnight on the next weekday.
 *
 * @example
 * openingDecision({ timezone: 'Europe/Berlin', weekly: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }],
 *   closedDates: [], holidays: 'BY', specialDates: [] }, new Date('2026-06-04T08:00:00Z')); // { open: false, by: 'holidays' }: Fronleichnam
 */
export function openingDecision(params: TimeConditionParams, now: Date): OpeningDecision {
  const local = localTime(now, params.timezone);
  for (const { layer } of TIME_CONDITION_PRECEDENCE) {
    const open = LAYERS[layer](params, local);
    if (open !== undefined) return { open, by: layer };
  }
  return { open: false, by: 'weekly' };
}

/** Whether a TimeCondition is open at an instant (`openingDecision`). */
export function isOpenAt(params: TimeConditionParams, now: Date): boolean {
  return openingDecision(params, now).open;
}
