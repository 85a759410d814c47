import type { I18nText } from '../nodes/node-type.js';
import type { GermanState } from '../nodes/time-condition.node.js';
import { easterSunday } from './easter.js';

/** The years the dialplan compiler writes holidays for; the engine computes any year. */
export const HOLIDAY_YEARS = { from: 2020, to: 2060 } as const;

/** A public holiday: its date (`YYYY-MM-DD`) and name. */
export interface Holiday {
  date: string;
  name: I18nText;
}

type Rule = { name: I18nText; date: (year: number, easter: number) => number; applies: (state: GermanState, year: number) => boolean };

const DAY = 86_400_000;
const fixed = (month: number, day: number) => (year: number) => Date.UTC(year, month - 1, day);
const afterEaster = (days: number) => (_year: number, easter: number) => easter + days * DAY;
const everywhere = () => true;
const inStates =
  (...states: GermanState[]) =>
  (state: GermanState) =>
    states.includes(state);
const since = (from: number, ...states: GermanState[]) => (state: GermanState, year: number) => year >= from && states.includes(state);

/** The Wednesday before 23 November. */
function repentanceDay(year: number): number {
  const nov22 = Date.UTC(year, 10, 22);
  const back = (new Date(nov22).getUTCDay() - 3 + 7) % 7;
  return nov22 - back * DAY;
}

/**
 * Statewide public holidays only. Holidays of single municipalities are left out (Augsburger
 * Friedensfest; Fronleichnam in parts of Saxony and Thuringia) with one exception: Mariä
 * Himmelfahrt counts for all of Bavaria, as it is a holiday in the majority of its municipalities,
 * Munich included.
 */
const RULES: Rule[] = [
  { name: { de: 'Neujahr', en: "New Year's Day" }, date: fixed(1, 1), applies: everywhere },
  { name: { de: 'Heilige Drei Könige', en: 'Epiphany' }, date: fixed(1, 6), applies: inStates('BW', 'BY', 'ST') },
  {
    name: { de: 'Internationaler Frauentag', en: "International Women's Day" },
    date: fixed(3, 8),
    applies: (state, year) => (state === 'BE' && year >= 2019) || (state === 'MV' && year >= 2023),
  },
  { name: { de: 'Karfreitag', en: 'Good Friday' }, date: afterEaster(-2), applies: everywhere },
  { name: { de: 'Ostersonntag', en: 'Easter Sunday' }, date: afterEaster(0), applies: inStates('BB') },
  { name: { de: 'Ostermontag', en: 'Easter Monday' }, date: afterEaster(1), applies: everywhere },
  { name: { de: 'Tag der Arbeit', en: 'Labour Day' }, date: fixed(5, 1), applies: everywhere },
  {
    // One-off holidays in Berlin: the 75th and 80th anniversaries of the end of the war in Europe.
    name: { de: 'Tag der Befreiung', en: 'Liberation Day' },
    date: fixed(5, 8),
    applies: (state, year) => state === 'BE' && (year === 2020 || year === 2025),
  },
  { name: { de: 'Christi Himmelfahrt', en: 'Ascension Day' }, date: afterEaster(39), applies: everywhere },
  { name: { de: 'Pfingstsonntag', en: 'Whit Sunday' }, date: afterEaster(49), applies: inStates('BB') },
  { name: { de: 'Pfingstmontag', en: 'Whit Monday' }, date: afterEaster(50), applies: everywhere },
  {
    name: { de: 'Fronleichnam', en: 'Corpus Christi' },
    date: afterEaster(60),
    applies: inStates('BW', 'BY', 'HE', 'NW', 'RP', 'SL'),
  },
  { name: { de: 'Mariä Himmelfahrt', en: 'Assumption Day' }, date: fixed(8, 15), applies: inStates('SL', 'BY') },
  { name: { de: 'Weltkindertag', en: "World Children's Day" }, date: fixed(9, 20), applies: since(2019, 'TH') },
  { name: { de: 'Tag der Deutschen Einheit', en: 'German Unity Day' }, date: fixed(10, 3), applies: everywhere },
  {
    // Nationwide once, in 2017, for the 500th anniversary of the Reformation.
    name: { de: 'Reformationstag', en: 'Reformation Day' },
    date: fixed(10, 31),
    applies: (state, year) =>
      year === 2017 || ['BB', 'MV', 'SN', 'ST', 'TH'].includes(state) || since(2018, 'HB', 'HH', 'NI', 'SH')(state, year),
  },
  { name: { de: 'Allerheiligen', en: "All Saints' Day" }, date: fixed(11, 1), applies: inStates('BW', 'BY', 'NW', 'RP', 'SL') },
  { name: { de: 'Buß- und Bettag', en: 'Day of Repentance and Prayer' }, date: repentanceDay, applies: inStates('SN') },
  { name: { de: '1. Weihnachtstag', en: 'Christmas Day' }, date: fixed(12, 25), applies: everywhere },
  { name: { de: '2. Weihnachtstag', en: "St Stephen's Day" }, date: fixed(12, 26), applies: everywhere },
];

/**
 * The public holidays of a German federal state in a year, sorted by date.
 *
 * @example
 * germanHolidays(2026, 'BY').find((h) => h.name.de === 'Fronleichnam'); // { date: '2026-06-04', ... }
 */
export function germanHolidays(year: number, state: GermanState): Holiday[] {
  const { month, day } = easterSunday(year);
  const easter = Date.UTC(year, month - 1, day);
  return RULES.filter((rule) => rule.applies(state, year))
    .map((rule) => ({ date: new Date(rule.date(year, easter)).toISOString().slice(0, 10), name: rule.name }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
