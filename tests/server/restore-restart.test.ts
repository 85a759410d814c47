/**
 * A restore through the API goes live without anybody restarting the process (issue #17 point 5):
 * a backup is made through one server (its own DATA_DIR: a flow, a user, a mailbox with a message
 * in Asterisk's spool), then uploaded to a second server on another, fresh DATA_DIR that runs as
 * main.ts runs it (instance/restart-loop.ts); POST /restart closes it and starts it again on the
 * same port, the staged restore goes in place, and the flow, the user and the message are live.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn } from '../../apps/server/src/auth/session-client.js';
import { parseEnv } from '../../apps/server/src/env.js';
import { serveWithRestarts, type ServerLoop } from '../../apps/server/src/instance/restart-loop.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { must, startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, serverAsteriskEnv } from '../support/local-asterisk.js';
import { keepVoicemailSpool, newMessages, putVoicemailMessage, spoolOf } from '../support/voicemail-spool.js';

const availability = await detectAsterisk();
const REPO = join(import.meta.dirname, '../..');
const MAILBOX = '1002'; // the support-queue example's mailbox

describeWithAsterisk(availability, 'a restore through the API is live after POST /restart', (asterisk) => {
  const env = serverAsteriskEnv();
  const root = asterisk.asteriskRoot!;
  const spool = spoolOf(root);
  const work = mkdtempSync(join(tmpdir(), 'swf-restart-test-'));
  let restoreFiles: (() => Promise<void>) | undefined;
  let restoreSpool: (() => void) | undefined;
  let source: TestServer | undefined;
  let loop: ServerLoop | undefined;

  beforeAll(() => {
    if (!root) throw new Error('this suite needs ASTERISK_ROOT (the voicemail spool is read from it)');
    restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
    restoreSpool = keepVoicemailSpool(root, work);
  });

  afterAll(async () => {
    await source?.stop();
    await loop?.stop();
    restoreSpool?.();
    rmSync(work, { recursive: true, force: true });
    await restoreFiles?.();
  });

  it('restores a backup of another DATA_DIR through the API, restarts in-process on the same port, and the data is live', async () => {
    // The source: a published PBX with a flow, a user and a message in the mailbox.
    source = await startTestServer(env);
    await source.ok('/extensions', { method: 'POST', json: { id: MAILBOX, name: 'Support', voicemail: { enabled: true, pin: '4711' } } }, 201);
    await source.ok('/extensions', { method: 'POST', json: { id: '1793', name: 'Empfang' } }, 201);
    await source.ok('/queues', { method: 'POST', json: { id: 'support', name: 'Support', members: [MAILBOX, '1793'] } }, 201);
    const flow = JSON.parse(readFileSync(join(REPO, 'examples/support-queue.flow.json'), 'utf8')) as Record<string, unknown>;
    await source.ok('/flows', { method: 'POST', json: flow }, 201);
    await source.ok('/users', { method: 'POST', json: { username: 'restored-user', role: 'editor', password: 'restored-password-1' } }, 201);
    expect((await source.ok<{ outcome: string }>('/publish', { method: 'POST' })).outcome).toBe('applied');
    const inbox = putVoicemailMessage(root, MAILBOX, Buffer.alloc(1044));
    expect(await newMessages(MAILBOX)).toBe(1);
    const backup = await source.api('/backups', { method: 'POST' });
    expect(backup.status).toBe(200);
    const archive = Buffer.from(await backup.arrayBuffer());
    const sourceToken = source.token;
    await source.stop(); // its DATA_DIR is removed
    source = undefined;
    rmSync(join(spool, 'default', MAILBOX), { recursive: true, force: true });
    expect(await newMessages(MAILBOX)).toBe(0);

    // The target: another DATA_DIR, run as main.ts runs it.
    const dataDir = join(work, 'target-data');
    const parsed = parseEnv({ ...env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', KERNEL_BANS: 'off', ARI_APP: `swf-restart-${process.pid}` });
    if (!parsed.ok) throw new Error(parsed.message);
    let fatal: Error | undefined;
    loop = await serveWithRestarts(parsed.env, { log: () => undefined, onFatal: (error) => (fatal = error) });
    const first = loop.current();
    const targetToken = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    const api = (path: string, token: string, init: RequestInit = {}) =>
      fetch(`${loop!.current().url}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
    const health = async () => must<{ startedAt: string }>(fetch(`${loop!.current().url}/health`), 'health');

    const staged = await api('/backups/restore', targetToken, { method: 'POST', headers: { 'content-type': 'application/gzip' }, body: archive });
    expect(staged.status, await staged.clone().text()).toBe(202);
    expect(await must(api('/backups/restore', targetToken), 'pending')).toMatchObject({ pending: { schemaVersion: expect.any(String) } });
    expect(await must<unknown[]>(api('/flows', targetToken), 'flows before')).toEqual([]);
    const before = await health();

    expect(await must(api('/restart', targetToken, { method: 'POST' }), 'restart', 202)).toEqual({ restarting: true });
    await loop.settled();
    expect(fatal).toBeUndefined();
    expect(loop.current()).not.toBe(first);
    expect(loop.current().port).toBe(first.port);
    expect((await health()).startedAt).not.toBe(before.startedAt);

    // The restored DATA_DIR: its admin token, its flow, its user; the target's own token is gone with its database.
    expect((await api('/flows', targetToken)).status).toBe(401);
    const flows = await must<Array<{ id: string }>>(api('/flows', sourceToken), 'flows after');
    expect(flows.map((f) => f.id)).toContain('support-queue');
    const person = await logIn({ server: loop.current() } as TestServer, 'restored-user', 'restored-password-1');
    expect(person.session.role).toBe('editor');
    expect(await must(api('/backups/restore', sourceToken), 'pending after')).toEqual({ pending: null });
    // Asterisk's spool has the message again, and Asterisk counts it.
    expect(existsSync(join(inbox, 'msg0000.txt'))).toBe(true);
    expect(await newMessages(MAILBOX)).toBe(1);
  });
});
