/**
 * `pnpm bench ops`: backup and restore of a generated DATA_DIR: 1 GiB of audio (8 kHz 16-bit mono
 * PCM, a tone with noise, as phones record it: it hardly compresses, like real recordings), half
 * as prompts in DATA_DIR and half as voicemail in a scratch Asterisk root, and a database with
 * 100,000 call rows (node visits). One backup (`createBackup`, what `pnpm backup create` and
 * POST /backups run), one restore into an empty DATA_DIR and an empty root (`stageRestore` +
 * `applyPendingRestore`: unpack, verify every checksum, check and migrate the database, put it in
 * place). Touches no running Asterisk (no AMI; the scratch root has no astdb). Everything it makes
 * is under one temp dir, removed at the end (about 3 GB while it runs). Prints key=value lines.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPendingRestore } from '../apps/server/src/backup/apply.js';
import { createBackup } from '../apps/server/src/backup/create.js';
import { stageRestore } from '../apps/server/src/backup/restore.js';
import { migrateToLatest, openDatabase } from '../apps/server/src/db/database.js';
import { report } from './stats.js';

const AUDIO_BYTES = 1024 ** 3;
const FILE_BYTES = 4 * 1024 ** 2; // 4 MiB: about 4.4 minutes of 8 kHz 16-bit audio
const CALL_ROWS = 100_000;
const GB = 1e9;

/** 8 kHz 16-bit PCM: a tone whose pitch depends on `seed`, with noise, so no two files are alike. */
function audio(seed: number, bytes: number): Buffer {
  const samples = new Int16Array(bytes / 2);
  let noise = seed * 7919 + 1;
  for (let i = 0; i < samples.length; i++) {
    noise = (noise * 1103515245 + 12345) & 0x7fffffff;
    const tone = Math.sin((2 * Math.PI * (300 + seed * 37) * i) / 8000) * 6000;
    samples[i] = Math.round(tone + ((noise % 4000) - 2000));
  }
  return Buffer.from(samples.buffer);
}

/** The database: migrated, with CALL_ROWS node visits of 20,000 calls over a week. */
async function fillDatabase(dataDir: string): Promise<void> {
  const db = openDatabase(dataDir);
  try {
    await migrateToLatest(db);
    const start = Date.parse('2026-12-01T00:00:00Z');
    let call = randomUUID();
    await db.transaction().execute(async (trx) => {
      for (let batch = 0; batch < CALL_ROWS; batch += 500) {
        const rows = Array.from({ length: 500 }, (_, n) => {
          const i = batch + n;
          if (i % 5 === 0) call = randomUUID();
          const engine: 'ari' | 'dialplan' = i % 2 ? 'ari' : 'dialplan';
          return { flow_id: `flow-${i % 50}`, flow_version: 1 + (i % 3), node_id: `node-${i % 12}`, call_id: call, time: new Date(start + i * 6000).toISOString(), digits: i % 4 === 0 ? String(i % 10) : null, engine };
        });
        await trx.insertInto('node_visits').values(rows).execute();
      }
    });
  } finally {
    await db.destroy();
  }
}

/** Every file under `dir`, its bytes added up. */
function bytesUnder(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

export async function benchOps(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'swf-bench-ops-'));
  try {
    const dataDir = join(work, 'data');
    const root = join(work, 'root');
    const prompts = join(dataDir, 'prompts');
    const voicemail = join(root, 'var/spool/asterisk/voicemail/default');
    mkdirSync(prompts, { recursive: true });
    await fillDatabase(dataDir);
    const pool = Array.from({ length: 16 }, (_, seed) => audio(seed, FILE_BYTES));
    for (let i = 0; i < AUDIO_BYTES / FILE_BYTES; i++) {
      const data = pool[i % pool.length]!;
      if (i % 2 === 0) writeFileSync(join(prompts, `prompt-${i}.wav`), data);
      else {
        const inbox = join(voicemail, String(1000 + (i % 40)), 'INBOX');
        mkdirSync(inbox, { recursive: true });
        writeFileSync(join(inbox, `msg${String(i).padStart(4, '0')}.wav`), data);
        writeFileSync(join(inbox, `msg${String(i).padStart(4, '0')}.txt`), `[message]\norigtime=${i}\nduration=262\n`);
      }
    }
    const inputBytes = bytesUnder(dataDir) + bytesUnder(root);

    const archive = join(work, 'backup.tar.gz');
    let started = performance.now();
    const manifest = await createBackup(archive, { dataDir, asteriskRoot: root, recordings: false });
    const backupMs = performance.now() - started;
    rmSync(dataDir, { recursive: true });
    rmSync(root, { recursive: true });

    const target = join(work, 'restored');
    const targetRoot = join(work, 'restored-root');
    mkdirSync(join(targetRoot, 'var/spool/asterisk'), { recursive: true });
    started = performance.now();
    await stageRestore(archive, target);
    await applyPendingRestore(target, { root: targetRoot }, () => undefined);
    const restoreMs = performance.now() - started;
    const restoredBytes = bytesUnder(target) + bytesUnder(targetRoot);

    console.log(`data_bytes=${inputBytes}`);
    console.log(`files=${manifest.files.length}`);
    console.log(`call_rows=${CALL_ROWS}`);
    console.log(`archive_bytes=${statSync(archive).size}`);
    console.log(`restored_bytes=${restoredBytes}`);
    report('backup_ms', backupMs, 0);
    report('restore_ms', restoreMs, 0);
    report('backup_ms_per_gb', backupMs / (inputBytes / GB), 0);
    report('restore_ms_per_gb', restoreMs / (inputBytes / GB), 0);
    report('restore_vs_backup_ratio', restoreMs / backupMs, 3);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
