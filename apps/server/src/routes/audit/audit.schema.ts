import { z } from '@hono/zod-openapi';
import { says } from '../../http/language.js';

const isoTime = z
  .string()
  .max(40)
  .refine((text) => !Number.isNaN(Date.parse(text)), says({ de: 'Eine Zeit im ISO-Format (z. B. 2026-12-08T09:00:00Z)', en: 'a time in ISO format (e.g. 2026-12-08T09:00:00Z)' }))
  .transform((text) => new Date(text).toISOString());

export const AuditQuery = z.object({
  actor: z.string().max(200).optional().openapi({ description: 'Only this actor (user or token name, exactly)' }),
  action: z.string().max(200).optional().openapi({ description: 'Only actions containing this text, e.g. `POST /users` or `auth.login`' }),
  resource: z.string().max(300).optional().openapi({ description: 'Only this resource type (`extensions`), or one resource (`extensions/100`)' }),
  from: isoTime.optional().openapi({ description: 'From this time (ISO, inclusive)' }),
  to: isoTime.optional().openapi({ description: 'Up to this time (ISO, inclusive)' }),
  limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ description: 'Rows per page (1 to 500, default 100)' }),
  offset: z.coerce.number().int().min(0).default(0).openapi({ description: 'Rows to skip (newest first)' }),
});

export const AuditEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.string().openapi({ description: 'ISO time' }),
    actor: z.object({
      kind: z.string().openapi({ description: '`user`, `token`, `nas`, `system` (bans, the retention prune) or `anonymous` (an address the failure limit refused)' }),
      name: z.string(),
      role: z.string().nullable(),
      userId: z.string().nullable(),
      via: z.string().nullable().openapi({ description: '`session:<first 12 hex of the session id hash>`, `bearer`, or `password` (a login)' }),
    }),
    address: z.string().nullable(),
    action: z.string().openapi({ description: 'The API operation (`PUT /extensions/{id}`), or an event outside it: `auth.limited`, `security.ban`, `audit.pruned`' }),
    resource: z.object({ type: z.string().nullable(), id: z.string().nullable() }),
    outcome: z.number().int().nullable().openapi({ description: 'The HTTP status; null for events outside the API' }),
    before: z.unknown().openapi({ description: 'The resource before (as GET showed it), secrets masked as `***`; null when there was none' }),
    after: z.unknown().openapi({ description: 'The answer (the resource after), secrets masked as `***`' }),
    prevHash: z.string(),
    hash: z.string().openapi({ description: 'SHA-256 over the row and prevHash (docs/server.md, "Audit log")' }),
  })
  .openapi('AuditEntry');

export const AuditPageSchema = z.object({ total: z.number().int(), entries: z.array(AuditEntrySchema) }).openapi('AuditPage');

export const AuditVerifySchema = z
  .object({
    ok: z.boolean(),
    rows: z.number().int().openapi({ description: 'Rows checked' }),
    head: z.object({ seq: z.number().int(), hash: z.string() }).optional().openapi({ description: 'The last row (when ok): note it elsewhere to notice a cut tail later' }),
    broken: z.object({ seq: z.number().int(), reason: z.string() }).optional().openapi({ description: 'The first row that breaks the chain, and why' }),
  })
  .openapi('AuditVerify');
