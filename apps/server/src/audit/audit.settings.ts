import { z } from '@hono/zod-openapi';
import type { SettingsSection } from '../settings/section.js';

/** How long the audit log keeps its rows: pruned at the start and daily (audit/retention.ts). */
export const AuditSettingsSchema = z
  .object({
    retentionDays: z.number().int().min(1).max(3650).default(365),
  })
  .openapi('AuditSettings', {
    description:
      'The audit log keeps `retentionDays` days (1 to 3650, default 365): older rows are deleted at the server\'s start and once a day, and a checkpoint row naming the last deleted one keeps the chain verifiable. Takes effect at the next prune, without a publish.',
  });

export type AuditSettings = z.infer<typeof AuditSettingsSchema>;

export const auditSection: SettingsSection<typeof AuditSettingsSchema> = {
  id: 'audit',
  label: { de: 'Protokoll', en: 'Audit log' },
  schema: AuditSettingsSchema,
};
