import type { Manifest } from '../backup/manifest.js';
import type { AuditLog } from './audit-log.js';

/**
 * Appends `backup.restored` to a log that a restore just put in place: the upload's or the CLI's
 * own row was in the database the restore replaced (or there was none), so the restored log says
 * itself when and from which archive it came back.
 */
export async function recordRestore(audit: AuditLog, manifest: Manifest, by: 'server' | 'cli', migrated: readonly string[]): Promise<void> {
  await audit.append({
    actor: { kind: 'system', name: by === 'server' ? 'restore' : 'restore (pnpm backup)' },
    action: 'backup.restored',
    resource: { type: 'backups', id: 'restore' },
    after: { createdAt: manifest.createdAt, schemaVersion: manifest.schemaVersion, appVersion: manifest.appVersion, files: manifest.files.length, migrated },
  });
}
