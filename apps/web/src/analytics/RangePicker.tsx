import { useId } from 'react';
import { useI18n, type TextKey } from '../i18n.js';

export interface Range {
  from: string;
  to: string;
}

/** A `YYYY-MM-DD` date plus `days`. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted. */
export function daysIn(range: Range): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000) + 1;
}

const PRESETS: readonly { label: TextKey; range: (today: string) => Range }[] = [
  { label: 'anToday', range: (today) => ({ from: today, to: today }) },
  { label: 'anYesterday', range: (today) => ({ from: addDays(today, -1), to: addDays(today, -1) }) },
  { label: 'anLast7', range: (today) => ({ from: addDays(today, -6), to: today }) },
  { label: 'anLast30', range: (today) => ({ from: addDays(today, -29), to: today }) },
];

/**
 * The date range: the browser's own date fields (localised by the browser, keyboard and screen
 * reader friendly, no library bytes) and presets. A `from` after `to` moves the other end along.
 */
export function RangePicker({ range, today, onChange }: { range: Range; today: string; onChange(range: Range): void }) {
  const { t } = useI18n();
  const ids = { from: useId(), to: useId() };
  return (
    <fieldset className="analytics-range">
      <legend>{t('anRange')}</legend>
      <label htmlFor={ids.from}>{t('anFrom')}</label>
      <input
        id={ids.from}
        type="date"
        value={range.from}
        max={today}
        required
        onChange={(e) => e.target.value && onChange({ from: e.target.value, to: e.target.value > range.to ? e.target.value : range.to })}
      />
      <label htmlFor={ids.to}>{t('anTo')}</label>
      <input
        id={ids.to}
        type="date"
        value={range.to}
        required
        onChange={(e) => e.target.value && onChange({ from: e.target.value < range.from ? e.target.value : range.from, to: e.target.value })}
      />
      {PRESETS.map((preset) => (
        <button type="button" key={preset.label} onClick={() => onChange(preset.range(today))}>
          {t(preset.label)}
        </button>
      ))}
    </fieldset>
  );
}
