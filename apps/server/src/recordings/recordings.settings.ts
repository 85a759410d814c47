import { z } from '@hono/zod-openapi';
import type { SettingsSection } from '../settings/section.js';

/** How long call recordings are kept: pruned at the start and daily (recordings/retention.ts). */
export const RecordingSettingsSchema = z
  .object({
    retentionDays: z.number().int().min(1).max(3650).default(90),
    format: z.enum(['wav', 'mp3']).default('wav'),
  })
  .openapi('RecordingSettings', {
    description:
      'Call recordings are kept `retentionDays` days (1 to 3650, default 90): older ones (by when they started) are deleted, file and index row, at the server\'s start and once a day. `format` `mp3` has the server convert each recording when its call has ended (sox, libsox-fmt-mp3) and keep only the MP3; `wav` (default) keeps Asterisk\'s WAV. Both take effect without a publish.',
  });

export const recordingSection: SettingsSection<typeof RecordingSettingsSchema> = {
  id: 'recordings',
  label: { de: 'Aufzeichnungen', en: 'Recordings' },
  schema: RecordingSettingsSchema,
};
