import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pendingManifest } from '../../backup/apply.js';
import { createBackup } from '../../backup/create.js';
import { BackupRefused } from '../../backup/refusal.js';
import { backupFileName } from '../../backup/schedule.js';
import { stageRestore } from '../../backup/restore.js';
import { TEMP_PREFIX } from '../../backup/sources.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../http/app-env.js';
import { say } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import * as routes from './backups.routes.js';

/** Backups are the whole PBX, secrets included: the admin token only (not a NAS user, nor later roles but admin). */
/** POST /backups (make and download) and POST /backups/restore (upload, verify, stage). */
export function backupsRouter({ dataDir, asteriskRoot, asterisk }: Pick<AppDeps, 'dataDir' | 'asteriskRoot' | 'asterisk'>) {
  const router = createRouter();
  const workFile = (suffix: string) => {
    mkdirSync(dataDir, { recursive: true });
    return join(dataDir, `${TEMP_PREFIX}${randomBytes(6).toString('hex')}${suffix}`);
  };

  router.openapi(routes.create, async (c) => {
    const recordings = c.req.valid('query').recordings === 'true';
    const file = workFile('.tar.gz');
    const now = new Date();
    try {
      await createBackup(file, { dataDir, ...(asteriskRoot ? { asteriskRoot } : {}), ...(asterisk ? { ami: asterisk.ami } : {}), recordings, now });
    } catch (error) {
      rmSync(file, { force: true });
      throw error;
    }
    // Sent from the finished file (its length known, nothing half-made on the wire). Its name is
    // removed once it is open: the open file is read to its end, and nothing is left behind when
    // the client goes away.
    const size = statSync(file).size;
    const stream = createReadStream(file);
    try {
      await once(stream, 'open');
    } finally {
      rmSync(file, { force: true });
    }
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      status: 200,
      headers: {
        'content-type': 'application/gzip',
        'content-length': String(size),
        'content-disposition': `attachment; filename="${backupFileName(now)}"`,
      },
    });
  });

  router.openapi(routes.pending, (c) => {
    const m = pendingManifest(dataDir);
    return c.json({ pending: m ? { createdAt: m.createdAt, schemaVersion: m.schemaVersion, appVersion: m.appVersion, files: m.files.length } : null }, 200);
  });

  router.openapi(routes.restore, async (c) => {
    const body = c.req.raw.body;
    if (!body) throw new AppError('validation', say({ de: 'Keine Sicherung im Inhalt der Anfrage', en: 'no backup in the request body' }));
    const file = workFile('.upload');
    try {
      await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), createWriteStream(file, { mode: 0o600 }));
      const staged = await stageRestore(file, dataDir);
      const m = staged.manifest;
      return c.json({ createdAt: m.createdAt, schemaVersion: m.schemaVersion, appVersion: m.appVersion, files: m.files.length, migrated: staged.migrated, restartRequired: true as const }, 202);
    } catch (error) {
      if (!(error instanceof BackupRefused)) throw error;
      throw new AppError('backup-refused', say(error.text), { reason: error.reason });
    } finally {
      rmSync(file, { force: true });
    }
  });
  return router;
}
