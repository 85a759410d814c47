import { z } from '@hono/zod-openapi';
import type { SettingsSection } from '../settings/section.js';

/**
 * How long the call history is kept: pruned at the start and daily (history/retention.ts). 90 days
 * by default, as the recordings: German data protection authorities hold three months enough for
 * a PBX's connection data without billing, and it covers a quarter of analytics; an admin who
 * needs more (billing, a works agreement) raises it.
 */
export const HistorySettingsSchema = z
  .object({
    retentionDays: z.number().int().min(1).max(3650).default(90),
  })
  .openapi('HistorySettings', {
    description:
      'The call history keeps `retentionDays` days (1 to 3650, default 90): calls that started earlier are deleted at the server\'s start and once a day. Takes effect at the next prune, without a publish.',
  });

export const historySection: SettingsSection<typeof HistorySettingsSchema> = {
  id: 'history',
  label: { de: 'Anrufverlauf', en: 'Call history' },
  schema: HistorySettingsSchema,
};
