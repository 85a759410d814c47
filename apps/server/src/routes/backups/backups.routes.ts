import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../../auth/roles.js';
import { BACKUP_UPLOAD_LIMIT_BYTES } from '../../http/body-limit.js';
import { errorResponses, jsonResponse } from '../../http/openapi.js';

const tags = ['Backups'];
const binary = z.string().openapi({ format: 'binary' });

export const CreateQuery = z.object({
  recordings: z
    .enum(['true', 'false'])
    .default('false')
    .openapi({ description: 'Also the call recordings (Asterisk monitor dir); they can be large' }),
});

export const RestoredSchema = z
  .object({
    createdAt: z.string(),
    schemaVersion: z.string(),
    appVersion: z.string(),
    files: z.number().int(),
    migrated: z.array(z.string()).openapi({ description: 'Migrations run on the restored database (an archive of an older version)' }),
    restartRequired: z.literal(true),
  })
  .openapi('RestoreStaged');

export const create = createRoute({
  ...allow('admin'),
  method: 'post',
  path: '/backups',
  tags,
  summary: 'Make a backup and download it',
  description:
    'Admin token only. One tar.gz: the database (SQLite online backup, the server keeps running), prompts and the other files of DATA_DIR, Asterisk\'s voicemail and astdb, with `recordings=true` the recordings; `stumpfworks-backup.json` first and `manifest.json` (schema version, app version, SHA-256 per file) last.',
  request: { query: CreateQuery },
  responses: { 200: { description: 'The archive', content: { 'application/gzip': { schema: binary } } }, ...errorResponses(403, 422) },
});

export const restore = createRoute({
  ...allow('admin'),
  method: 'post',
  path: '/backups/restore',
  tags,
  summary: 'Upload a backup to restore',
  description: `Admin token only. The archive as the raw body (application/gzip, at most ${BACKUP_UPLOAD_LIMIT_BYTES} bytes). It is unpacked into a work dir and verified (ours, not of a newer version, every checksum, the database whole; an older schema is migrated); a refused one (422 \`backup-refused\` with \`reason\`: corrupt, truncated, foreign, newer-schema) changes nothing. An accepted one is staged and put in place when the server starts next: POST /restart (or restart the process).`,
  request: { body: { content: { 'application/gzip': { schema: binary } }, required: true } },
  responses: { 202: jsonResponse(RestoredSchema, 'Verified and staged; restart the server to put it in place'), ...errorResponses(403, 422) },
});

export const PendingSchema = z
  .object({
    pending: z
      .object({ createdAt: z.string(), schemaVersion: z.string(), appVersion: z.string(), files: z.number().int() })
      .nullable()
      .openapi({ description: 'The staged restore waiting for the restart (POST /restart), or null' }),
  })
  .openapi('RestorePending');

export const pending = createRoute({
  ...allow('admin'),
  method: 'get',
  path: '/backups/restore',
  tags,
  summary: 'Whether a restore is staged',
  description: 'A restore staged by POST /backups/restore (or `pnpm backup restore`) goes in place at the next start: POST /restart.',
  responses: { 200: jsonResponse(PendingSchema, 'The staged restore, or null'), ...errorResponses() },
});
