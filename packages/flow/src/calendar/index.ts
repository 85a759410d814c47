export { easterSunday } from './easter.js';
export { DEFAULT_TIME_ZONE, flowTimeZones } from './flow-zones.js';
export { germanHolidays, HOLIDAY_YEARS, type Holiday } from './holidays.js';
export { localTime, type IsoWeekday, type LocalTime } from './local-time.js';
export { isOpenAt, openingDecision, type OpeningDecision, type TimeConditionParams } from './opening-hours.js';
export { instantInZone, isoInZone, utcOffsetMinutes, type WallTime } from './zoned-time.js';
