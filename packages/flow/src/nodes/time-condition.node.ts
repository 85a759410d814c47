import { z } from 'zod';
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

export const weeklyRuleSchema = z
  .object({
    /** ISO weekdays: 1 = Monday ... 7 = Sunday. */
    days: z.array(z.number().int().min(1).max(7)).min(1),
    from: hhmm,
    to: hhmm,
  })
  .refine((r) => r.from < r.to, {
    ...bilingual({ de: 'Die Uhrzeit „von“ muss vor „bis“ liegen', en: '"from" must be before "to"' }),
    path: ['to'],
  });

export const timeConditionNode = defineNodeType({
  type: 'TimeCondition',
  version: 1,
  category: 'logic',
  label: { de: 'Öffnungszeiten', en: 'Time condition' },
  description: {
    de: 'Verzweigt nach Wochentag und Uhrzeit, Feiertagen und Schließtagen.',
    en: 'Branches on weekday and time of day, public holidays and closed dates.',
  },
  params: z.object({
    timezone: z
      .string()
      .default('Europe/Berlin')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, bilingual({ de: 'Keine bekannte Zeitzone', en: 'not a known time zone' })),
    /** Open while any rule matches; `from` inclusive, `to` exclusive. */
    weekly: z.array(weeklyRuleSchema).default([]),
    /** Extra closed dates, YYYY-MM-DD in the time zone. */
    closedDates: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, bilingual({ de: 'Ein Datum wie 2026-12-24', en: 'a date like 2026-12-24' }))).default([]),
    /** Closed on the public holidays of this German federal state. */
    holidays: z.enum(GERMAN_STATES).nullable().default(null),
  }),
  seed: { weekly: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }] },
  paramLabels: {
    timezone: { de: 'Zeitzone', en: 'Time zone' },
    weekly: { de: 'Öffnungszeiten', en: 'Opening hours' },
    closedDates: { de: 'Zusätzliche Schließtage', en: 'Extra closed dates' },
    holidays: { de: 'Feiertage des Bundeslands', en: 'Public holidays of state' },
  },
  valueLabels: { holidays: GERMAN_STATE_NAMES },
  outputs: () => [
    { name: 'open', label: { de: 'Geöffnet', en: 'Open' }, required: true },
    { name: 'closed', label: { de: 'Geschlossen', en: 'Closed' }, required: true },
  ],
  readsCallerInput: () => false,
});
