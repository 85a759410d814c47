import { instantInZone, isoInZone } from '@stumpfworks/flow';
import { CliError } from './load.js';

const WITH_OFFSET = /(Z|[+-][0-9]{2}:?[0-9]{2})$/i;
const WALL = /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,3}))?)?)?$/;

/**
 * `--at`: an ISO date-time with an offset is that instant; one without is a wall-clock time in the
 * flows' time zone (not the host's), and needs the flows to agree on one. Absent: now.
 */
export function parseAt(text: string | undefined, zones: readonly string[]): Date {
  if (text === undefined) return new Date();
  const usage = (why: string) => new CliError(`--at ${why}; write an ISO date-time like 2026-06-03T10:00:00 (in the flow's time zone) or 2026-06-03T10:00:00+02:00`, 2);
  if (WITH_OFFSET.test(text) && /[T ]/.test(text)) {
    const at = new Date(text);
    if (Number.isNaN(at.getTime())) throw usage(`"${text}" is not a date-time`);
    return at;
  }
  const match = WALL.exec(text);
  if (!match) throw usage(`"${text}" is not a date-time`);
  if (zones.length > 1) throw usage(`"${text}" has no offset, and the flows read the clock in several time zones (${zones.join(', ')}): give the offset`);
  const zone = zones[0]!;
  const [year, month, day, hour = '0', minute = '0', second = '0', fraction = ''] = match.slice(1) as [string, string, string, ...(string | undefined)[]];
  const wall = { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second) };
  const valid = wall.month >= 1 && wall.month <= 12 && wall.day >= 1 && wall.day <= 31 && wall.hour <= 23 && wall.minute <= 59 && wall.second <= 59;
  const at = valid ? instantInZone(wall, zone) : undefined;
  if (!at) throw usage(`"${text}" is not a time that exists in ${zone}${valid ? ' (the clocks skip it)' : ''}`);
  // Date.UTC rolls 2026-02-31 over into March: the instant must read back as the same day.
  if (!isoInZone(at, zone).startsWith(`${year}-${month}-${day}`)) throw usage(`"${text}" is not a date`);
  return new Date(at.getTime() + Number(fraction.padEnd(3, '0')));
}

/** The instant as the flows' local time, with offset and zone: `2026-06-03T10:00:00+02:00 Europe/Berlin`. */
export function localTimes(at: Date, zones: readonly string[]): string {
  return zones.map((zone) => `${isoInZone(at, zone)} ${zone}`).join(', ');
}
