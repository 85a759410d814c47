import { describe, expect, it } from 'vitest';
import { GERMAN_STATES } from '../nodes/time-condition.node.js';
import { easterSunday } from './easter.js';
import { germanHolidays, HOLIDAY_YEARS } from './holidays.js';

const dates = (year: number, state: Parameters<typeof germanHolidays>[1]) =>
  germanHolidays(year, state).map((h) => `${h.date} ${h.name.de}`);
const has = (year: number, state: Parameters<typeof germanHolidays>[1], name: string) =>
  germanHolidays(year, state).find((h) => h.name.de === name)?.date;

describe('easterSunday', () => {
  it.each([
    [2019, 4, 21],
    [2024, 3, 31],
    [2025, 4, 20],
    [2026, 4, 5],
    [2027, 3, 28],
    [2038, 4, 25],
    [2049, 4, 18],
    [2285, 3, 22],
  ])('%i', (year, month, day) => {
    expect(easterSunday(year)).toEqual({ month, day });
  });
});

describe('germanHolidays', () => {
  it('lists the Bavarian holidays of 2026 in order', () => {
    expect(dates(2026, 'BY')).toMatchInlineSnapshot(`
      [
        "2026-01-01 Neujahr",
        "2026-01-06 Heilige Drei Könige",
        "2026-04-03 Karfreitag",
        "2026-04-06 Ostermontag",
        "2026-05-01 Tag der Arbeit",
        "2026-05-14 Christi Himmelfahrt",
        "2026-05-25 Pfingstmontag",
        "2026-06-04 Fronleichnam",
        "2026-08-15 Mariä Himmelfahrt",
        "2026-10-03 Tag der Deutschen Einheit",
        "2026-11-01 Allerheiligen",
        "2026-12-25 1. Weihnachtstag",
        "2026-12-26 2. Weihnachtstag",
      ]
    `);
  });

  it('gives Brandenburg Easter and Whit Sunday', () => {
    expect(has(2026, 'BB', 'Ostersonntag')).toBe('2026-04-05');
    expect(has(2026, 'BB', 'Pfingstsonntag')).toBe('2026-05-24');
    expect(has(2026, 'BE', 'Ostersonntag')).toBeUndefined();
  });

  it('computes Buß- und Bettag for Saxony only', () => {
    expect(has(2026, 'SN', 'Buß- und Bettag')).toBe('2026-11-18');
    expect(has(2025, 'SN', 'Buß- und Bettag')).toBe('2025-11-19');
    expect(has(2027, 'SN', 'Buß- und Bettag')).toBe('2027-11-17');
    expect(has(2028, 'SN', 'Buß- und Bettag')).toBe('2028-11-22');
    expect(has(2026, 'TH', 'Buß- und Bettag')).toBeUndefined();
  });

  it('follows the years states introduced holidays', () => {
    expect(has(2018, 'BE', 'Internationaler Frauentag')).toBeUndefined();
    expect(has(2019, 'BE', 'Internationaler Frauentag')).toBe('2019-03-08');
    expect(has(2022, 'MV', 'Internationaler Frauentag')).toBeUndefined();
    expect(has(2023, 'MV', 'Internationaler Frauentag')).toBe('2023-03-08');
    expect(has(2018, 'TH', 'Weltkindertag')).toBeUndefined();
    expect(has(2019, 'TH', 'Weltkindertag')).toBe('2019-09-20');
    expect(has(2016, 'NI', 'Reformationstag')).toBeUndefined();
    expect(has(2017, 'NI', 'Reformationstag')).toBe('2017-10-31');
    expect(has(2017, 'BY', 'Reformationstag')).toBe('2017-10-31');
    expect(has(2018, 'BY', 'Reformationstag')).toBeUndefined();
    expect(has(2018, 'HH', 'Reformationstag')).toBe('2018-10-31');
    expect(has(2016, 'SN', 'Reformationstag')).toBe('2016-10-31');
  });

  it('has Berlin’s one-off Liberation Days', () => {
    expect(has(2020, 'BE', 'Tag der Befreiung')).toBe('2020-05-08');
    expect(has(2025, 'BE', 'Tag der Befreiung')).toBe('2025-05-08');
    expect(has(2026, 'BE', 'Tag der Befreiung')).toBeUndefined();
  });

  it('gives Fronleichnam, Allerheiligen and Epiphany to the right states', () => {
    const fronleichnam = GERMAN_STATES.filter((s) => has(2026, s, 'Fronleichnam') === '2026-06-04');
    expect(fronleichnam).toEqual(['BW', 'BY', 'HE', 'NW', 'RP', 'SL']);
    expect(GERMAN_STATES.filter((s) => has(2026, s, 'Allerheiligen'))).toEqual(['BW', 'BY', 'NW', 'RP', 'SL']);
    expect(GERMAN_STATES.filter((s) => has(2026, s, 'Heilige Drei Könige'))).toEqual(['BW', 'BY', 'ST']);
    expect(GERMAN_STATES.filter((s) => has(2026, s, 'Mariä Himmelfahrt'))).toEqual(['BY', 'SL']);
  });

  it('has the nine national holidays in every state and year, sorted and unique', () => {
    for (let year = HOLIDAY_YEARS.from; year <= HOLIDAY_YEARS.to; year++) {
      for (const state of GERMAN_STATES) {
        const list = germanHolidays(year, state);
        const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date));
        expect(list).toEqual(sorted);
        expect(list.length).toBeGreaterThanOrEqual(9);
        expect(list.every((h) => h.date.startsWith(`${year}-`))).toBe(true);
        expect(new Set(list.map((h) => h.name.de)).size).toBe(list.length);
      }
    }
  });
});
