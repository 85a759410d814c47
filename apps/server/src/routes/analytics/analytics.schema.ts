import { z } from '@hono/zod-openapi';
import { DEFAULT_TIME_ZONE } from '@stumpfworks/flow';
import { say, says } from '../../http/language.js';

/** The longest range one request may ask for, and the longest in hours (a bucket an hour). */
export const MAX_RANGE_DAYS = 366;
export const MAX_HOURLY_DAYS = 31;

/** Whether `YYYY-MM-DD` names a day of the calendar (Date would roll 2026-02-30 over to March). */
function isCalendarDate(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
}

/** A calendar date that exists (2026-02-30 does not). */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, says({ de: 'Ein Datum wie 2026-12-07', en: 'a date such as 2026-12-07' }))
  .refine(isCalendarDate, says({ de: 'Dieses Datum gibt es nicht', en: 'no such date' }));

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false; // Intl's answer to a zone it does not know
    throw error;
  }
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

export const AnalyticsQuery = z
  .object({
    from: calendarDate.optional().openapi({ description: 'First day (local, `YYYY-MM-DD`); default six days before `to`', example: '2026-11-02' }),
    to: calendarDate.optional().openapi({ description: 'Last day, inclusive (local); default today', example: '2026-11-08' }),
    granularity: z.enum(['hour', 'day', 'week'], says({ de: 'hour, day oder week', en: 'hour, day or week' })).default('day').openapi({ description: `Bucket size of the calls over time (hour: at most ${MAX_HOURLY_DAYS} days)` }),
    serviceLevelSeconds: z.coerce
      .number(says({ de: 'Eine Zahl von Sekunden', en: 'a number of seconds' }))
      .int(says({ de: 'Ganze Sekunden', en: 'whole seconds' }))
      .min(1, says({ de: 'Mindestens 1 Sekunde', en: 'at least 1 second' }))
      .max(3600, says({ de: 'Höchstens 3600 Sekunden', en: 'at most 3600 seconds' }))
      .default(20)
      .openapi({ description: 'Service level: the share of calls answered within this many seconds (default 20)' }),
    timeZone: z
      .string()
      .max(64)
      .refine(isTimeZone, says({ de: 'Eine Zeitzone wie Europe/Berlin', en: 'a time zone such as Europe/Berlin' }))
      .default(DEFAULT_TIME_ZONE)
      .openapi({ description: `The company's time zone the days, hours and the heatmap are in (default ${DEFAULT_TIME_ZONE})` }),
  })
  .superRefine((query, ctx) => {
    if (query.from === undefined || query.to === undefined) return;
    const days = dayNumber(query.to) - dayNumber(query.from) + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: say({ de: '„Bis“ liegt vor „Von“', en: '"to" is before "from"' }) });
    else if (days > MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: say({ de: `Höchstens ${MAX_RANGE_DAYS} Tage auf einmal`, en: `at most ${MAX_RANGE_DAYS} days at once` }) });
    else if (query.granularity === 'hour' && days > MAX_HOURLY_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['granularity'], message: say({ de: `Stündlich höchstens ${MAX_HOURLY_DAYS} Tage; wählen Sie day oder week`, en: `hourly for at most ${MAX_HOURLY_DAYS} days; choose day or week` }) });
    }
  });

const ms = z.number().int().nullable();
const FiguresSchema = z.object({
  calls: z.number().int(),
  answered: z.number().int(),
  missed: z.number().int(),
  abandoned: z.number().int(),
  voicemail: z.number().int(),
  busy: z.number().int(),
  failed: z.number().int(),
  avgWaitMs: ms.openapi({ description: 'Average wait of the calls that waited in a queue; null: none did' }),
  p90WaitMs: ms.openapi({ description: '90 % of those calls waited this long or less (nearest rank)' }),
  serviceLevel: z.number().nullable().openapi({ description: 'Share (0 to 1) of the offered calls (not outbound, not failed) answered within `serviceLevelSeconds`; null: none offered' }),
});

const GroupSchema = FiguresSchema.extend({ id: z.string() });

export const AnalyticsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    granularity: z.enum(['hour', 'day', 'week']),
    serviceLevelSeconds: z.number().int(),
    start: z.string().openapi({ description: 'The range as instants: local start of `from` (ISO with offset)' }),
    end: z.string().openapi({ description: 'Local start of the day after `to` (exclusive)' }),
    totals: FiguresSchema,
    buckets: z.array(FiguresSchema.extend({ start: z.string().openapi({ description: 'Local start of the bucket with its offset, e.g. 2026-10-25T02:00:00+01:00' }) })),
    heatmap: z.array(z.array(z.number().int())).openapi({ description: 'Calls per local weekday (7 rows, Monday first) and hour of day (24 columns)' }),
    extensions: z.array(GroupSchema).openapi({ description: 'Per extension: the calls it answered, the mailbox it had, or (internal) it was dialled' }),
    trunks: z.array(GroupSchema),
    queues: z.array(GroupSchema),
    funnels: z.array(
      z.object({
        flowId: z.string(),
        flowVersion: z.number().int(),
        calls: z.number().int(),
        nodes: z.array(
          z.object({
            nodeId: z.string(),
            reached: z.number().int().openapi({ description: 'Calls that reached the node' }),
            hungUp: z.number().int().openapi({ description: 'Abandoned calls whose last node this was' }),
            keys: z.array(z.object({ digits: z.string(), calls: z.number().int() })).openapi({ description: 'Keys that led callers here, from `keysSince` on (node visits are kept 7 days)' }),
          }),
        ),
      }),
    ),
    keysSince: z.string().openapi({ description: 'Keys are counted from here: the later of `start` and 7 days ago' }),
  })
  .openapi('Analytics');
