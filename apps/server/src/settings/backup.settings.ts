import { z } from '@hono/zod-openapi';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { AppError } from '../errors.js';
import { say, says } from '../http/language.js';
import type { SettingsSection } from './section.js';

/**
 * Scheduled backups (backup/schedule.ts): every `intervalHours` a backup into `folder` (e.g. a NAS
 * share mounted on this machine), of which the newest `keep` are kept; `recordings` adds the call
 * recordings. Off until enabled; takes effect at the scheduler's next minute, without a publish.
 */
export const BackupSettingsSchema = z
  .object({
    enabled: z.boolean().default(false),
    folder: z
      .string()
      .max(1024)
      // eslint-disable-next-line no-control-regex
      .refine((path) => path === '' || (isAbsolute(path) && !/[\u0000-\u001f\u007f]/.test(path)), says({ de: 'Ein absoluter Pfad (z. B. /mnt/nas/pbx-backups)', en: 'an absolute path (e.g. /mnt/nas/pbx-backups)' }))
      .default(''),
    intervalHours: z.number().int().min(1).max(24 * 30).default(24),
    keep: z.number().int().min(1).max(365).default(7),
    recordings: z.boolean().default(false),
  })
  .superRefine((s, ctx) => {
    if (s.enabled && s.folder === '') {
      ctx.addIssue({ code: 'custom', path: ['folder'], message: say({ de: 'Geplante Sicherungen brauchen einen Ordner', en: 'scheduled backups need a folder' }) });
    }
  })
  .openapi('BackupSettings', {
    description:
      'Scheduled backups: every `intervalHours` one archive (as POST /backups makes it; `recordings` adds the call recordings) into `folder`, an absolute path on the server (a mounted NAS share), named stumpfworks-backup-<time>.tar.gz; the newest `keep` are kept, older ones of that name deleted. The folder is created when missing and must be writable (422 on `folder`).',
  });

export type BackupSettings = z.infer<typeof BackupSettingsSchema>;

/** An enabled schedule's folder exists (it is created) and the server may write there. */
async function checkFolder(value: BackupSettings): Promise<BackupSettings> {
  if (!value.enabled) return value;
  try {
    mkdirSync(value.folder, { recursive: true, mode: 0o700 });
    accessSync(value.folder, constants.W_OK);
  } catch (error) {
    throw new AppError('validation', say({ de: 'Die Sicherungs-Einstellungen sind nicht gültig', en: 'the backup settings are not valid' }), {
      issues: [{ path: 'folder', message: say({ de: `Der Ordner ist nicht beschreibbar: ${(error as Error).message}`, en: `the folder is not writable: ${(error as Error).message}` }) }],
    });
  }
  return value;
}

export const backupSection: SettingsSection<typeof BackupSettingsSchema> = {
  id: 'backup',
  label: { de: 'Geplante Sicherungen', en: 'Scheduled backups' },
  schema: BackupSettingsSchema,
  complete: checkFolder,
};
