/**
 * Backup and restore against the real Asterisk (issue #17 point 5): a PBX is set up and published
 * through one server, a voicemail message lies in its mailbox, a backup is downloaded through the
 * API; then, as on a new machine, the server's data, the generated files and the voicemail spool
 * are gone, `pnpm backup restore` fills an empty DATA_DIR, a new server publishes, and Asterisk has
 * the same generated files and counts the message again.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { amiAction } from '../../apps/server/src/asterisk/ami.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, localAmi, readGeneratedFile, reloadModule, serverAsteriskEnv, writeGeneratedFile } from '../support/local-asterisk.js';
import { asteriskUid, keepVoicemailSpool, newMessages, putVoicemailMessage, spoolOf } from '../support/voicemail-spool.js';

const availability = await detectAsterisk();
const REPO = join(import.meta.dirname, '../..');
const MAILBOX = '1002'; // the support-queue example's mailbox

const ASTDB_FAMILY = 'swf-backup-test';

/** A key of ASTDB_FAMILY in the live astdb (AMI DBGet), or undefined. */
async function astdbValue(key: string): Promise<string | undefined> {
  const packets = await amiAction(localAmi(), { Action: 'DBGet', Family: ASTDB_FAMILY, Key: key }).catch(() => []);
  return packets.find((p) => p.Event === 'DBGetResponse')?.Val;
}

describeWithAsterisk(availability, 'backup and restore on the real Asterisk', (asterisk) => {
  const env = serverAsteriskEnv();
  const root = asterisk.asteriskRoot!;
  const spool = spoolOf(root);
  const work = mkdtempSync(join(tmpdir(), 'swf-backup-test-'));
  let restoreFiles: (() => Promise<void>) | undefined;
  let restoreSpool: (() => void) | undefined;
  let t: TestServer | undefined;
  const published: Record<string, string> = {};

  /** Every generated file empty and reloaded: a fresh install's Asterisk. */
  const emptyGeneratedFiles = async () => {
    for (const [name, module] of Object.entries(GENERATED_FILES)) {
      writeGeneratedFile(asterisk, name, '; emptied by tests/server/backup.test.ts\n');
      await reloadModule(asterisk, module);
    }
  };

  beforeAll(async () => {
    if (!root) throw new Error('this suite needs ASTERISK_ROOT (the voicemail spool is read from it)');
    restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
    restoreSpool = keepVoicemailSpool(root, work);
    await emptyGeneratedFiles();
  });

  afterAll(async () => {
    await t?.stop();
    restoreSpool?.();
    rmSync(work, { recursive: true, force: true });
    await amiAction(localAmi(), { Action: 'DBDelTree', Family: ASTDB_FAMILY }).catch(() => undefined); // absent when a test removed it
    await restoreFiles?.();
  });

  it('backs up a published PBX with a voicemail message through the API', async () => {
    t = await startTestServer(env);
    await t.ok('/extensions', { method: 'POST', json: { id: MAILBOX, name: 'Support', voicemail: { enabled: true, pin: '4711' } } }, 201);
    await t.ok('/extensions', { method: 'POST', json: { id: '1793', name: 'Empfang' } }, 201);
    await t.ok('/queues', { method: 'POST', json: { id: 'support', name: 'Support', members: [MAILBOX, '1793'] } }, 201);
    await t.ok('/conferences', { method: 'POST', json: { id: '870', name: 'Team', pin: '1234' } }, 201);
    await t.ok('/prompts/tts', { method: 'POST', json: { id: 'swf-backup-hello', name: 'Hallo', language: 'de', text: 'Hallo.' } }, 201);
    const flow = JSON.parse(readFileSync(join(REPO, 'examples/support-queue.flow.json'), 'utf8')) as Record<string, unknown>;
    await t.ok('/flows', { method: 'POST', json: flow }, 201);
    await t.ok('/flows/support-queue/versions', { method: 'POST' }, 201);
    await t.ok('/routes/inbound', { method: 'POST', json: { id: 'support-did', did: '4930399', target: { type: 'flow', id: 'support-queue' } } }, 201);
    await t.ok('/settings/network', { method: 'PUT', json: { rtpPortStart: 12000, rtpPortEnd: 14000 } });
    const publish = await t.ok<{ outcome: string }>('/publish', { method: 'POST' });
    expect(publish.outcome).toBe('applied');
    for (const name of Object.keys(GENERATED_FILES)) published[name] = readGeneratedFile(asterisk, name);
    expect(published['voicemail.conf']).toContain(`${MAILBOX} => 4711`);

    // A message in the mailbox, as app_voicemail stores one (its .txt and its audio).
    putVoicemailMessage(root, MAILBOX, readFileSync(join(t.dataDir, 'prompts', 'swf-backup-hello.wav')));
    expect(await newMessages(MAILBOX)).toBe(1);

    // A key of Asterisk's own database (the astdb), beside the registrations it keeps there.
    await amiAction(localAmi(), { Action: 'DBPut', Family: ASTDB_FAMILY, Key: 'night/mode', Val: 'on' });

    const response = await t.api('/backups', { method: 'POST' });
    expect(response.status, await response.clone().text().catch(() => '')).toBe(200);
    writeFileSync(join(work, 'backup.tar.gz'), Buffer.from(await response.arrayBuffer()));
  });

  it('restores into an empty DATA_DIR of a new machine: the same generated files after a publish, the message is back', async () => {
    const token = t!.token;
    await t!.stop(); // its DATA_DIR is removed
    t = undefined;
    // The new machine: nothing generated, no voicemail.
    await emptyGeneratedFiles();
    rmSync(spool, { recursive: true, force: true });
    await amiAction(localAmi(), { Action: 'DBDelTree', Family: ASTDB_FAMILY });
    expect(await newMessages(MAILBOX)).toBeUndefined();
    expect(await astdbValue('night/mode')).toBeUndefined();

    const dataDir = join(work, 'new-data');
    const output = execFileSync('pnpm', ['--silent', 'backup', 'restore', join(work, 'backup.tar.gz')], {
      cwd: REPO,
      env: { ...process.env, ...env, DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(output).toContain('holds the restored data');
    expect(output).toMatch(/astdb: \d+ keys put through AMI/); // Asterisk runs: its open astdb is written through it
    expect(await astdbValue('night/mode')).toBe('on');
    expect(readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()).toBe(token);
    const message = join(spool, 'default', MAILBOX, 'INBOX', 'msg0000.txt');
    expect(statSync(message).uid).toBe(asteriskUid(root)); // Asterisk may move and delete it

    t = await startTestServer({ ...env, DATA_DIR: dataDir });
    // The restored audit log says it came back, and its chain holds.
    const restored = await t.ok<{ entries: { actor: { name: string } }[] }>('/audit?action=backup.restored');
    expect(restored.entries.map((e) => e.actor.name)).toEqual(['restore (pnpm backup)']);
    expect(await t.ok('/audit/verify')).toMatchObject({ ok: true });
    const publish = await t.ok<{ outcome: string }>('/publish', { method: 'POST' });
    expect(publish.outcome).toBe('applied');
    for (const name of Object.keys(GENERATED_FILES)) expect(readGeneratedFile(asterisk, name), name).toBe(published[name]);
    expect(await newMessages(MAILBOX)).toBe(1);
    expect(readdirSync(dataDir).filter((n) => n.startsWith('.swf-tmp-') || n === 'restore-pending')).toEqual([]);
  });
});
