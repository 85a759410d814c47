import { z } from 'zod';
import { DEFAULT_TIME_ZONE } from '../calendar/flow-zones.js';
import { bilingual } from '../messages.js';
import { defineNodeType, type I18nText } from './node-type.js';

export const GERMAN_STATES = [
  'BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH',
] as const;
export type GermanState = (typeof GERMAN_STATES)[number];

/** The federal states by name, for the inspector's choices. */
export const GERMAN_STATE_NAMES: Record<GermanState, I18nText> = {
  BW: { de: 'Baden-Württemberg', en: 'Baden-Württemberg' },
  BY: { de: 'Bayern', en: 'Bavaria' },
  BE: { de: 'Berlin', en: 'Berlin' },
  BB: { de: 'Brandenburg', en: 'Brandenburg' },
  HB: { de: 'Bremen', en: 'Bremen' },
  HH: { de: 'Hamburg', en: 'Hamburg' },
  HE: { de: 'Hessen', en: 'Hesse' },
  MV: { de: 'Mecklenburg-Vorpommern', en: 'Mecklenburg-Western Pomerania' },
  NI: { de: 'Niedersachsen', en: 'Lower Saxony' },
  NW: { de: 'Nordrhein-Westfalen', en: 'North Rhine-Westphalia' },
  RP: { de: 'Rheinland-Pfalz', en: 'Rhineland-Palatinate' },
  SL: { de: 'Saarland', en: 'Saarland' },
  SN: { de: 'Sachsen', en: 'Saxony' },
  ST: { de: 'Sachsen-Anhalt', en: 'Saxony-Anhalt' },
  SH: { de: 'Schleswig-Holstein', en: 'Schleswig-Holstein' },
  TH: { de: 'Thüringen', en: 'Thuringia' },
};

const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, bilingual({ de: 'Eine Uhrzeit wie 08:00 (00:00 bis 24:00)', en: 'a time like 08:00 (00:00-24:00)' }));

/**
 * A weekly rule: open on `days` from `from` (inclusive) to `to` (exclusive). A `to` before `from`
 * is a window across midnight: from `from` to the end of each of `days`, and on the day after
 * each of them from 00:00 to `to` (Friday 22:00-02:00 covers Saturday 00:00-02:00).
 */
export const weeklyRuleSchema = z
  .object({
    /** ISO weekdays: 1 = Monday ... 7 = Sunday; the days a window across midnight starts on. */
    days: z.array(z.number().int().min(1).max(7)).min(1),
    from: hhmm,
    to: hhmm,
  })
  .refine((r) => r.from !== '24:00', {
    ...bilingual({
      de: '„von“ darf nicht 24:00 sein: Ein Zeitraum beginnt spätestens um 23:59; ab Mitternacht schreiben Sie 00:00 am nächsten Tag',
      en: '"from" cannot be 24:00: a window starts at 23:59 at the latest; from midnight on, write 00:00 on the next day',
    }),
    path: ['from'],
  })
  .refine((r) => r.from !== r.to, {
    ...bilingual({
      de: '„von“ und „bis“ sind gleich: Für ganze Tage schreiben Sie 00:00 bis 24:00; ein „bis“ vor „von“ reicht über Mitternacht in den nächsten Tag (22:00 bis 06:00)',
      en: '"from" and "to" are equal: for whole days write 00:00 to 24:00; a "to" before "from" runs across midnight into the next day (22:00 to 06:00)',
    }),
    path: ['to'],
  });

/** Opening hours on a special date: within the day, `from` inclusive, `to` exclusive. */
export const dayHoursSchema = z
  .object({ from: hhmm, to: hhmm })
  // Zero-padded HH:MM compares as text the way it compares as time.
  .refine((r) => r.from < r.to, {
    ...bilingual({
      de: 'Die Uhrzeit „von“ muss vor „bis“ liegen: Sonderzeiten enden spätestens um 24:00; für eine Nacht geben Sie dem nächsten Datum eigene Zeiten ab 00:00',
      en: '"from" must be before "to": special hours end at 24:00 at the latest; for a night, give the next date its own hours from 00:00',
    }),
    path: ['to'],
  });

/** A date that exists in the calendar: `YYYY-MM-DD`, no 30 February. */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, bilingual({ de: 'Ein Datum wie 2026-12-24', en: 'a date like 2026-12-24' }))
  .refine((date) => {
    const parsed = new Date(`${date}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
  }, bilingual({ de: 'Dieses Datum gibt es nicht', en: 'this date does not exist' }));

/**
 * A special date, or a range of dates: on each of them its own `open` hours apply instead of the
 * holidays and the weekly rules; without `open` hours it is closed all day (company holidays).
 * 31 December closed from 13:00 is `{ date: '2026-12-31', open: [{ from: '08:00', to: '13:00' }] }`.
 */
export const specialDateSchema = z
  .object({
    /** The first (or only) date, `YYYY-MM-DD` in the time zone. */
    date: calendarDate,
    /** The last date of a range, inclusive; none: only `date`. */
    until: calendarDate.optional(),
    /** Open during these hours on each of the dates; none: closed all day. */
    open: z.array(dayHoursSchema).default([]),
  })
  .refine((d) => d.until === undefined || d.date <= d.until, {
    ...bilingual({ de: '„bis“ darf nicht vor dem Datum liegen', en: '"until" cannot be before the date' }),
    path: ['until'],
  });

export type TimeLayer = 'specialDates' | 'holidays' | 'weekly';

/**
 * Which entries decide a date, first match wins: the one definition every engine follows (the
 * simulator's `isOpenAt`, the dialplan compiler's order of checks) and the inspector shows. Each
 * calendar date is decided on its own: the part of a weekly window after midnight belongs to the
 * next date, so a holiday or a special date closes it.
 */
export const TIME_CONDITION_PRECEDENCE: readonly { layer: TimeLayer; label: I18nText }[] = [
  { layer: 'specialDates', label: { de: 'Sondertage (Schließtage, Sonderzeiten, Betriebsferien)', en: 'special dates (closed dates, special hours, company holidays)' } },
  { layer: 'holidays', label: { de: 'Feiertage', en: 'public holidays' } },
  { layer: 'weekly', label: { de: 'Wochenzeiten', en: 'weekly hours' } },
];

const precedenceText = (lang: keyof I18nText) => TIME_CONDITION_PRECEDENCE.map((l, i) => `${i + 1}. ${l.label[lang]}`).join(', ');

export const timeConditionNode = defineNodeType({
  type: 'TimeCondition',
  version: 1,
  category: 'logic',
  label: { de: 'Öffnungszeiten', en: 'Time condition' },
  description: {
    de: `Verzweigt nach Wochentag und Uhrzeit, Feiertagen und Sondertagen, in der Zeitzone des Bausteins. Vorrang (der erste zutreffende Eintrag entscheidet): ${precedenceText('de')}; ein Zeitraum über Mitternacht zählt ab 00:00 zum nächsten Tag.`,
    en: `Branches on weekday and time of day, public holidays and special dates, in the node's time zone. Precedence (the first that applies decides): ${precedenceText('en')}; a window across midnight counts towards the next date from 00:00.`,
  },
  params: z.object({
    timezone: z
      .string()
      .default(DEFAULT_TIME_ZONE)
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, bilingual({ de: 'Keine bekannte Zeitzone', en: 'not a known time zone' })),
    /** Open while any rule matches; `from` inclusive, `to` exclusive; `to` before `from` runs across midnight. */
    weekly: z.array(weeklyRuleSchema).default([]),
    /** Extra closed dates, YYYY-MM-DD in the time zone. */
    closedDates: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, bilingual({ de: 'Ein Datum wie 2026-12-24', en: 'a date like 2026-12-24' }))).default([]),
    /** Closed on the public holidays of this German federal state. */
    holidays: z.enum(GERMAN_STATES).nullable().default(null),
    /** Dates and date ranges with their own hours (or closed all day), over holidays and weekly rules. */
    specialDates: z.array(specialDateSchema).default([]),
  }),
  seed: { weekly: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }] },
  paramLabels: {
    timezone: { de: 'Zeitzone', en: 'Time zone' },
    weekly: { de: 'Öffnungszeiten', en: 'Opening hours' },
    closedDates: { de: 'Zusätzliche Schließtage', en: 'Extra closed dates' },
    holidays: { de: 'Feiertage des Bundeslands', en: 'Public holidays of state' },
    specialDates: { de: 'Sondertage und Betriebsferien', en: 'Special dates and company holidays' },
  },
  valueLabels: { holidays: GERMAN_STATE_NAMES },
  outputs: () => [
    { name: 'open', label: { de: 'Geöffnet', en: 'Open' }, required: true },
    { name: 'closed', label: { de: 'Geschlossen', en: 'Closed' }, required: true },
  ],
  readsCallerInput: () => false,
  diagnose: (params) => {
    const date = firstDateListedTwice(params);
    if (date === undefined) return [];
    return [
      {
        code: 'time-condition-date-twice',
        message: {
          de: `Das Datum ${date} steht mehrmals in den Schließtagen und Sondertagen, und welche Zeiten gelten, wäre unklar: Lassen Sie jedes Datum nur in einem Eintrag stehen`,
          en: `The date ${date} is listed more than once in closed dates and special dates, and which hours apply would be unclear: keep each date in one entry only`,
        },
      },
    ];
  },
});

/** The first date that two closed dates or special dates share (ranges compared as intervals), if any. */
function firstDateListedTwice(params: { closedDates: string[]; specialDates: z.infer<typeof specialDateSchema>[] }): string | undefined {
  const ranges = [
    ...[...new Set(params.closedDates)].map((date) => ({ first: date, last: date })),
    ...params.specialDates.map((d) => ({ first: d.date, last: d.until ?? d.date })),
  ].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  let last = '';
  for (const range of ranges) {
    if (range.first <= last) return range.first;
    if (range.last > last) last = range.last;
  }
  return undefined;
}
