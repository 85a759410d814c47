import { z } from '@hono/zod-openapi';
import { says } from '../../http/language.js';

const isoTime = z
  .string()
  .max(40)
  .refine((text) => !Number.isNaN(Date.parse(text)), says({ de: 'Eine Zeit im ISO-Format (z. B. 2026-12-08T09:00:00Z)', en: 'a time in ISO format (e.g. 2026-12-08T09:00:00Z)' }))
  .transform((text) => new Date(text).toISOString());

export const RecordingsQuery = z.object({
  from: isoTime.optional().openapi({ description: 'Started at or after this time (ISO)' }),
  to: isoTime.optional().openapi({ description: 'Started at or before this time (ISO)' }),
  extension: z
    .string()
    .regex(/^[1-9][0-9]{1,5}$/, says({ de: 'Eine Nebenstellennummer (2 bis 6 Ziffern)', en: 'an extension number (2 to 6 digits)' }))
    .optional()
    .openapi({ description: 'Calls this extension made or took (caller or callee, exactly)' }),
  number: z
    .string()
    .regex(/^\+?[0-9*#]{1,32}$/, says({ de: 'Ziffern, * und #, auf Wunsch mit + am Anfang', en: 'digits, * and #, optionally starting with +' }))
    .optional()
    .openapi({ description: 'Calls whose caller or callee contains these digits' }),
  direction: z.enum(['inbound', 'outbound', 'internal'], says({ de: 'inbound, outbound oder internal', en: 'inbound, outbound or internal' })).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: 'Rows per page (1 to 200, default 50)' }),
  offset: z.coerce.number().int().min(0).default(0).openapi({ description: 'Rows to skip (newest first)' }),
});

export const RecordingSchema = z
  .object({
    id: z.number().int(),
    callId: z.string().openapi({ description: "The calling channel's Asterisk UNIQUEID" }),
    startedAt: z.string().openapi({ description: 'ISO time the recording started' }),
    caller: z.string(),
    callee: z.string(),
    direction: z.enum(['inbound', 'outbound', 'internal']),
    kind: z.enum(['always', 'onDemand']).openapi({ description: '`always` (a policy) or `onDemand` (*1)' }),
    durationMs: z.number().int(),
    sizeBytes: z.number().int(),
  })
  .openapi('Recording');

export const RecordingPageSchema = z
  .object({
    total: z.number().int().openapi({ description: 'Recordings that match the filters (the caller may see)' }),
    storageBytes: z.number().int().openapi({ description: 'What all indexed recordings take on disk' }),
    recordings: z.array(RecordingSchema),
  })
  .openapi('RecordingPage');

export const RecordingParams = z.object({
  id: z.coerce.number().int().min(1).openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});
