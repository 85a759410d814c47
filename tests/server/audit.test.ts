/**
 * The audit log on the real Asterisk: a publish, a flow's publish and rollback, a backup and a
 * staged restore, an automatic ban from sipp's wrong passwords and its manual lift are recorded,
 * with the actor, the resource and the outcome, and the chain verifies afterwards.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { BANS_FILE, BANS_MODULE } from '../../apps/server/src/security/bans-file.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, reloadModule, serverAsteriskEnv, stateFilePath, writeGeneratedFile } from '../support/local-asterisk.js';
import { runSipp } from './ban-sipp.js';

const availability = await detectAsterisk();

interface Entry {
  actor: { kind: string; name: string };
  address: string | null;
  action: string;
  resource: { type: string | null; id: string | null };
  outcome: number | null;
  before: unknown;
  after: unknown;
}

const ATTACKER = '127.0.0.25';
const FLOW = (name: string) => ({
  schemaVersion: 1,
  id: 'audit-line',
  name,
  nodes: [
    { id: 'start', type: 'Start', params: { number: '7320', language: 'en' } },
    { id: 'bye', type: 'Hangup', params: {} },
  ],
  edges: [{ from: 'start', output: 'next', to: 'bye' }],
});

describeWithAsterisk(availability, 'the audit log on the real Asterisk', (asterisk) => {
  const state = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
  let t: TestServer;
  let restoreFiles: (() => Promise<void>) | undefined;
  const newest = async (action: string) =>
    ((await t.ok<{ entries: Entry[] }>(`/audit?limit=1&action=${encodeURIComponent(action)}`)).entries[0] ?? expect.fail(`no audit row for ${action}`));

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, { ...GENERATED_FILES, [BANS_FILE]: BANS_MODULE });
    writeGeneratedFile(asterisk, BANS_FILE, '');
    await reloadModule(asterisk, BANS_MODULE);
    t = await startTestServer({ ...serverAsteriskEnv(), KERNEL_BANS: 'off' });
  });
  afterAll(async () => {
    await t?.stop();
    await restoreFiles?.();
  });

  it('records a publish, a flow\'s publish and its rollback', async () => {
    await t.ok('/flows', { method: 'POST', json: FLOW('Audit v1') }, 201);
    await t.ok('/flows/audit-line/publish', { method: 'POST' }, 201);
    await t.ok('/flows/audit-line', { method: 'PUT', json: FLOW('Audit v2') });
    expect(await newest('PUT /flows/{id}')).toMatchObject({ resource: { type: 'flows', id: 'audit-line' }, outcome: 200, before: { draft: { name: 'Audit v1' } }, after: { draft: { name: 'Audit v2' } } });
    await t.ok('/flows/audit-line/publish', { method: 'POST' }, 201);
    await t.ok('/flows/audit-line/publish', { method: 'POST', json: { rollbackTo: 1 } }, 201);
    const rollback = await newest('POST /flows/{id}/publish');
    expect(rollback).toMatchObject({ actor: { kind: 'token', name: 'admin' }, resource: { type: 'flows', id: 'audit-line' }, outcome: 201, after: { version: { rollbackOf: 1, published: true } } });
    await t.ok('/extensions', { method: 'POST', json: { id: '1020', name: 'Audit phone' } }, 201);
    await t.ok('/publish', { method: 'POST' });
    expect(await newest('POST /publish')).toMatchObject({ resource: { type: 'publish' }, outcome: 200, after: { outcome: 'applied' } });
  });

  it('records a backup and a staged restore', async () => {
    const archive = await t.api('/backups', { method: 'POST' });
    expect(archive.status).toBe(200);
    const bytes = Buffer.from(await archive.arrayBuffer());
    expect(await newest('POST /backups')).toMatchObject({ resource: { type: 'backups' }, outcome: 200, after: null });
    const staged = await t.api('/backups/restore', { method: 'POST', body: bytes, headers: { 'content-type': 'application/gzip' } });
    expect(staged.status).toBe(202);
    // Staged only: this test's server is never restarted on its DATA_DIR, which stop() removes.
    expect(await newest('POST /backups/restore')).toMatchObject({ resource: { type: 'backups', id: 'restore' }, outcome: 202, after: { restartRequired: true } });
  });

  it('records an automatic ban from the SIP guard and its manual lift, and the chain verifies', async () => {
    const current = await t.ok<Record<string, unknown>>('/settings/security');
    await t.ok('/settings/security', { method: 'PUT', json: { ...current, allowlist: [], maxFailures: 3 } });
    await vi.waitFor(async () => expect((await t.ok<{ watching: boolean }>('/security/bans')).watching).toBe(true), { timeout: 20_000, interval: 50 });
    await runSipp({ scenario: 'register', sipPort: state.sipPort, user: 'nobody-here', password: 'wrong-password', source: ATTACKER, calls: 10, rate: 20, limit: 5, answerTimeoutMs: 1000 });
    await vi.waitFor(async () => expect((await t.ok<{ total: number }>(`/audit?limit=1&action=security.ban`)).total).toBe(1), { timeout: 20_000, interval: 100 });
    const ban = await newest('security.ban');
    expect(ban).toMatchObject({ actor: { kind: 'system', name: 'security' }, address: ATTACKER, resource: { type: 'security', id: ATTACKER }, outcome: null, after: { address: ATTACKER } });
    await t.ok(`/security/bans/${ATTACKER}`, { method: 'DELETE' });
    expect(await newest('DELETE /security/bans/{address}')).toMatchObject({ resource: { type: 'security', id: ATTACKER }, outcome: 200 });
    expect(await t.ok('/audit/verify')).toMatchObject({ ok: true });
  });
});
