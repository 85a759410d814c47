import { z } from '@hono/zod-openapi';
import { says } from '../../http/language.js';

const OUTCOMES = ['answered', 'missed', 'abandoned', 'voicemail', 'busy', 'failed'] as const;
const SORTS = ['startedAt', 'talkMs', 'waitMs'] as const;

const isoTime = z
  .string()
  .max(40)
  .refine((text) => !Number.isNaN(Date.parse(text)), says({ de: 'Eine Zeit im ISO-Format (z. B. 2026-12-08T09:00:00Z)', en: 'a time in ISO format (e.g. 2026-12-08T09:00:00Z)' }))
  .transform((text) => Date.parse(text));

/** A flow, queue or trunk id: compared as a bound value, limited to what resource ids look like. */
const resourceId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, says({ de: 'Eine Kennung (Buchstaben, Ziffern, _ . -, höchstens 64 Zeichen)', en: 'an id (letters, digits, _ . -, at most 64 characters)' }));

/** The opaque cursor: base64url of the sort, direction, sort value and linkedid of a page's last row. */
const cursor = z
  .string()
  .max(400)
  .transform((text, ctx) => {
    try {
      const [sort, dir, value, linkedid] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
      if (SORTS.includes(sort as never) && (dir === 'asc' || dir === 'desc') && Number.isSafeInteger(value) && typeof linkedid === 'string' && linkedid.length <= 64) {
        return { sort: sort as (typeof SORTS)[number], dir: dir as 'asc' | 'desc', value: value as number, linkedid };
      }
    } catch {
      // Not base64url JSON: the issue below says so.
    }
    ctx.addIssue({ code: 'custom', message: says({ de: 'Kein Cursor dieser Liste (nehmen Sie `next` einer Antwort)', en: 'not a cursor of this list (use the `next` of an answer)' }).error() });
    return z.NEVER;
  });

export function encodeCursor(c: { sort: string; dir: string; value: number; linkedid: string }): string {
  return Buffer.from(JSON.stringify([c.sort, c.dir, c.value, c.linkedid]), 'utf8').toString('base64url');
}

/** The filters both the page and the CSV take. */
const filters = {
  from: isoTime.optional().openapi({ description: 'Started at or after this time (ISO)', type: 'string' }),
  to: isoTime.optional().openapi({ description: 'Started at or before this time (ISO)', type: 'string' }),
  number: z
    .string()
    .regex(/^\+?[0-9*#]{1,32}$/, says({ de: 'Ziffern, * und #, auf Wunsch mit + am Anfang', en: 'digits, * and #, optionally starting with +' }))
    .optional()
    .openapi({ description: 'Calls whose caller or called number starts with this (a prefix: `+4930` finds Berlin; served by the indexes)' }),
  extension: z
    .string()
    .regex(/^[0-9]{2,6}$/, says({ de: 'Eine Nebenstellennummer (2 bis 6 Ziffern)', en: 'an extension number (2 to 6 digits)' }))
    .optional()
    .openapi({ description: 'Calls this extension made, was called on, or answered' }),
  direction: z.enum(['inbound', 'outbound', 'internal'], says({ de: 'inbound, outbound oder internal', en: 'inbound, outbound or internal' })).optional(),
  outcome: z
    .string()
    .max(100)
    .transform((text) => text.split(','))
    .pipe(z.array(z.enum(OUTCOMES, says({ de: `Ergebnisse aus ${OUTCOMES.join(', ')}, durch Kommas getrennt`, en: `outcomes of ${OUTCOMES.join(', ')}, separated by commas` }))))
    .optional()
    .openapi({ description: 'One outcome or several separated by commas (`missed,abandoned`)', type: 'string' }),
  flow: resourceId.optional().openapi({ description: 'Calls that ran through this flow' }),
  queue: resourceId.optional().openapi({ description: 'Calls that went through this queue' }),
  trunk: resourceId.optional().openapi({ description: 'Calls over this trunk' }),
  sort: z.enum(SORTS, says({ de: 'startedAt, talkMs oder waitMs', en: 'startedAt, talkMs or waitMs' })).default('startedAt').openapi({ description: 'Sort by start, talk time or queue wait (calls without a wait first ascending)' }),
  dir: z.enum(['asc', 'desc'], says({ de: 'asc oder desc', en: 'asc or desc' })).default('desc').openapi({ description: 'Default: newest (or longest) first' }),
};

export const HistoryQuery = z.object({
  ...filters,
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: 'Calls per page (1 to 200, default 50)' }),
  cursor: cursor.optional().openapi({ description: 'The `next` of the page before (opaque); absent: the first page', type: 'string' }),
});

export const HistoryCsvQuery = z.object({
  ...filters,
  lang: z.enum(['de', 'en'], says({ de: 'de oder en', en: 'de or en' })).optional().openapi({ description: "The language of the header and the words in the cells (a download link cannot set Accept-Language); default: the request's" }),
});

export const CallSchema = z
  .object({
    id: z.string().openapi({ description: "Asterisk's LINKEDID" }),
    startedAt: z.string(),
    answeredAt: z.string().nullable(),
    endedAt: z.string(),
    direction: z.enum(['inbound', 'outbound', 'internal']),
    caller: z.string(),
    callerName: z.string(),
    called: z.string(),
    trunk: z.string().nullable(),
    flow: z.object({ id: z.string(), version: z.number().int().nullable() }).nullable().openapi({ description: 'The flow the call ran through and the version that ran' }),
    path: z.array(z.string()).openapi({ description: "The flow's node ids the call visited, in order" }),
    answeredBy: z.string().nullable(),
    queue: z.string().nullable(),
    waitMs: z.number().int().nullable(),
    talkMs: z.number().int(),
    outcome: z.enum(OUTCOMES),
    voicemailBox: z.string().nullable(),
    transferredTo: z.string().nullable(),
    recordings: z.array(z.object({ id: z.number().int(), href: z.string() })).openapi({ description: 'The recordings of the call (GET href streams one)' }),
    voicemail: z.object({ box: z.string(), href: z.string() }).nullable().openapi({ description: 'The mailbox the caller reached (GET href lists its messages)' }),
  })
  .openapi('HistoryCall');

export const HistoryPageSchema = z
  .object({
    calls: z.array(CallSchema),
    next: z.string().nullable().openapi({ description: 'The cursor of the next page, null on the last' }),
  })
  .openapi('HistoryPage');
