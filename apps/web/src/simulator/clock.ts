import { flowTimeZones, instantInZone, isoInZone, type Flow, type I18nText } from '@stumpfworks/flow';

/**
 * The simulator's clock is a wall-clock time in the flow's time zone (its TimeConditions'; see
 * flowTimeZones), not the browser's: the admin tries "Wednesday 19:30" as the office's time,
 * wherever the browser is. With several zones the first (main flow first, node order) is read.
 */
export function simulatorZone(flow: Flow | undefined, subFlows: readonly Flow[] = []): string {
  return flowTimeZones(flow ? [flow, ...subFlows] : subFlows)[0]!;
}

/** A `datetime-local` value: `2026-06-03T10:00`, seconds optional. */
const WALL = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?$/;

/**
 * The instant a `datetime-local` value names in `zone`, or why it names none: unreadable, or a
 * time the clocks skip there (the hour they go forward). Of a time that happens twice the earlier.
 */
export function clockInstant(at: string, zone: string): { ok: true; at: Date } | { ok: false; message: I18nText } {
  const match = WALL.exec(at);
  const [year, month, day, hour, minute, second = '0'] = match ? match.slice(1) : [];
  const wall = { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second) };
  const valid = match !== null && wall.month >= 1 && wall.month <= 12 && wall.day >= 1 && wall.day <= 31 && wall.hour <= 23 && wall.minute <= 59 && wall.second <= 59;
  const instant = valid ? instantInZone(wall, zone) : undefined;
  // Date.UTC rolls 31 February over into March: the instant must read back as the same day.
  if (instant && isoInZone(instant, zone).startsWith(`${year}-${month}-${day}`)) return { ok: true, at: instant };
  if (valid && !instant) {
    return {
      ok: false,
      message: { de: `${at.replace('T', ' ')} gibt es in ${zone} nicht (die Uhr wird vorgestellt)`, en: `${at.replace('T', ' ')} does not exist in ${zone} (the clocks go forward)` },
    };
  }
  return { ok: false, message: { de: `Bitte Datum und Uhrzeit angeben (nicht lesbar: „${at}“)`, en: `Please give a date and time (cannot read "${at}")` } };
}

/** `now` as a `datetime-local` value in `zone`. */
export function wallNow(zone: string, now = new Date()): string {
  return isoInZone(now, zone).slice(0, 16);
}
