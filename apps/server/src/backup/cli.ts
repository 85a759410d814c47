/**
 * `pnpm backup create FILE [--recordings]` and `pnpm backup restore FILE`, with the server's
 * environment (DATA_DIR, ASTERISK_ROOT ...). Create works while the server runs (the database is
 * copied through SQLite's online backup API). Restore verifies the archive and stages it; the server
 * puts it in place when it starts, so with a server running on DATA_DIR, restart it afterwards.
 * Into a DATA_DIR without a database (a new machine) it is put in place at once.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AuditLog } from '../audit/audit-log.js';
import { recordRestore } from '../audit/restored.js';
import { resolveAsteriskConnection } from '../asterisk/connection.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { parseEnv } from '../env.js';
import { applyPendingRestore, restoreTarget } from './apply.js';
import { createBackup } from './create.js';
import { BackupRefused } from './refusal.js';
import { stageRestore } from './restore.js';
import { DB_FILE } from './sources.js';

const USAGE = 'usage: pnpm backup create FILE [--recordings] | pnpm backup restore FILE';

async function main(args: string[]): Promise<number> {
  const [command, file, ...flags] = args;
  const unknown = flags.filter((f) => !(command === 'create' && f === '--recordings'));
  if ((command !== 'create' && command !== 'restore') || !file || unknown.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(`[backup] ${parsed.message}`);
    return 2;
  }
  const dataDir = resolve(parsed.env.DATA_DIR);
  const asterisk = resolveAsteriskConnection(parsed.env);
  const asteriskRoot = asterisk.ok ? asterisk.connection.asteriskRoot : undefined;
  if (command === 'create') {
    if (!existsSync(join(dataDir, DB_FILE))) {
      console.error(`[backup] no database in ${dataDir} (DATA_DIR)`);
      return 1;
    }
    const ami = asterisk.ok ? restoreTarget(asterisk.connection).ami : undefined;
    const manifest = await createBackup(resolve(file), { dataDir, ...(asteriskRoot ? { asteriskRoot } : {}), ...(ami ? { ami } : {}), recordings: flags.includes('--recordings') });
    const bytes = manifest.files.reduce((sum, f) => sum + f.size, 0);
    console.log(`[backup] wrote ${resolve(file)}: ${manifest.files.length} files, ${bytes} bytes before compression, schema ${manifest.schemaVersion}${asteriskRoot ? '' : ' (no Asterisk configured: without voicemail and astdb)'}`);
    return 0;
  }
  const fresh = !existsSync(join(dataDir, DB_FILE));
  try {
    const staged = await stageRestore(resolve(file), dataDir);
    const migrated = staged.migrated.length > 0 ? `; migrated from schema ${staged.manifest.schemaVersion}: ${staged.migrated.join(', ')}` : '';
    console.log(`[backup] verified the backup of ${staged.manifest.createdAt} (${staged.manifest.files.length} files)${migrated}`);
  } catch (error) {
    if (!(error instanceof BackupRefused)) throw error;
    console.error(`[backup] refused: ${error.text.en}\n[backup] abgelehnt: ${error.text.de}`);
    return 1;
  }
  if (fresh) {
    const manifest = await applyPendingRestore(dataDir, asterisk.ok ? restoreTarget(asterisk.connection) : undefined, (line) => console.log(line));
    if (manifest) {
      const db = openDatabase(dataDir);
      try {
        await recordRestore(new AuditLog(db), manifest, 'cli', await migrateToLatest(db));
      } finally {
        await db.destroy();
      }
    }
    console.log(`[backup] ${dataDir} holds the restored data; start the server and publish`);
  } else {
    console.log(`[backup] staged in ${join(dataDir, 'restore-pending')}: the server puts it in place when it starts; restart it now`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
