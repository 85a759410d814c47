import { z } from '@hono/zod-openapi';
import { ALERT_KINDS } from '../../alerts/conditions.js';

export const AlertSchema = z
  .object({
    id: z.string(),
    kind: z.enum(ALERT_KINDS),
    /** A trunk's id, a folder, `asterisk`, `publish`, `sip`. */
    subject: z.string(),
    text: z.object({ de: z.string(), en: z.string() }),
    openedAt: z.string(),
    resolvedAt: z.string().optional(),
  })
  .openapi('Alert');

export const AlertsSchema = z
  .object({
    open: z.array(AlertSchema),
    /** Open and resolved, newest first (at most `limit`). */
    history: z.array(AlertSchema),
  })
  .openapi('Alerts');

export const AlertsQuery = z.object({
  limit: z.coerce.number().int().min(0).max(1000).default(50).openapi({ description: 'How many entries of the history (0: none)' }),
});

export const TestMailSchema = z
  .object({ accepted: z.array(z.string()).openapi({ description: 'The recipients the SMTP server accepted' }) })
  .openapi('AlertTestMail');
