/**
 * The server against the real local Asterisk: publish, SIP registration with the generated
 * secrets, refused publishes (extensions.conf, voicemail.conf) that roll back, and a restart that
 * loses nothing.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dialplanHas, mailboxExists, type AmiOptions } from '../../apps/server/src/asterisk/ami.js';
import { pathInRoot } from '../../apps/server/src/publish/sounds.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { GENERATED_FILES, type GeneratedFile } from '../../apps/server/src/publish/config-set.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { asteriskGid, keepGeneratedFiles, localAmi, logOffset, readLogSince, reloadModule, serverAsteriskEnv, stateFilePath, writeGeneratedFile } from '../support/local-asterisk.js';
import { AriClient } from '../support/ari.js';
import { sippRegister } from './sipp.js';

const availability = await detectAsterisk();
/** The generated files and the module each reloads: the server's own list. */
const FILES = GENERATED_FILES;

describeWithAsterisk(availability, 'server publish on the real Asterisk', (asterisk) => {
  const state = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
  const ami: AmiOptions = localAmi();
  const env = serverAsteriskEnv();
  let t: TestServer;
  /** The file the next publish breaks (fault injection), if any. */
  let breakNextPublish: GeneratedFile | undefined;
  let restoreFiles: (() => Promise<void>) | undefined;
  const fixtures = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../examples', `${name}.flow.json`), 'utf8')) as Record<string, unknown>;

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, FILES);
    // Start from empty generated files, whatever an earlier (perhaps aborted) run left live.
    for (const [name, module] of Object.entries(FILES)) {
      writeGeneratedFile(asterisk, name, '; emptied by tests/server/publish.test.ts\n');
      await reloadModule(asterisk, module);
    }
    t = await startTestServer(env, {
      // Fault injection: an unbalanced section header makes Asterisk refuse the whole file.
      beforeWrite: (files) => (breakNextPublish ? { ...files, [breakNextPublish]: `[broken-section\n${files[breakNextPublish]}` } : files),
    });
  });

  afterAll(async () => {
    await t?.stop();
    await restoreFiles?.();
  });

  it('publishes a PBX without phones or trunks, as on a fresh install (ARI has no PJSIP endpoint to list: 404)', async () => {
    const response = await t.api('/publish', { method: 'POST' });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(((await response.json()) as { outcome: string }).outcome).toBe('applied');
  });

  let secret = '';

  it('publishes extensions, a queue, a room, routes and a flow; Asterisk takes them', async () => {
    const created = await t.api('/extensions', { method: 'POST', json: { id: '1002', name: 'Support', voicemail: { enabled: true, pin: '1234' } } });
    expect(created.status).toBe(201);
    secret = ((await created.json()) as { secret: string }).secret;
    await t.ok('/queues', { method: 'POST', json: { id: 'support', name: 'Support', members: ['1002'] } });
    await t.ok('/conferences', { method: 'POST', json: { id: '800', name: 'Team', pin: '1234' } });
    expect((await t.api('/prompts/tts', { method: 'POST', json: { id: 'swf-test-hello', name: 'Hallo', language: 'de', text: 'Hallo.' } })).status).toBe(201);
    await t.ok('/trunks', { method: 'POST', json: { id: 'carrier', name: 'Carrier', type: 'ip', server: '192.0.2.10' } });
    await t.ok('/routes/outbound', { method: 'POST', json: { id: 'national', name: 'Inland', patterns: ['_0ZX.'], trunks: ['carrier'] } });
    expect((await t.api('/flows', { method: 'POST', json: fixtures('support-queue') })).status).toBe(201);
    expect((await t.api('/flows/support-queue/versions', { method: 'POST' })).status).toBe(201);
    await t.ok('/routes/inbound', { method: 'POST', json: { id: 'support-did', did: '4930300', target: { type: 'flow', id: 'support-queue' } } });

    const response = await t.api('/publish', { method: 'POST' });
    const body = (await response.json()) as { outcome: string; changedFiles: string[]; diff: Record<string, string>; flowVersions: Record<string, number> };
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.outcome).toBe('applied');
    expect(body.flowVersions).toEqual({ 'support-queue': 1 });
    expect(body.diff['pjsip.conf']).toContain('+[1002]');
    expect(await dialplanHas(ami, 'stumpfworks-inbound', '4930300')).toBe(true);
    expect(await dialplanHas(ami, 'swf-support-queue')).toBe(true);
    expect(await dialplanHas(ami, 'stumpfworks-emergency', '112')).toBe(true);
    // The flow's TTS prompts were spoken into the root, per language, readable by Asterisk.
    const played = readFileSync(join(asterisk.confDir!, 'extensions.conf'), 'utf8').match(/stumpfworks\/tts\/[0-9a-f]{16}/g) ?? [];
    expect(played.length).toBeGreaterThan(0);
    for (const file of new Set(played)) {
      const wav = join(pathInRoot(asterisk.asteriskRoot!, '/usr/share/asterisk/sounds/de'), `${file}.wav`);
      expect(existsSync(wav), wav).toBe(true);
      expect(statSync(wav).mode & 0o004).toBe(0o004);
    }
    // Uploaded prompts go to sounds/stumpfworks/prompts (found for every language).
    expect(existsSync(join(pathInRoot(asterisk.asteriskRoot!, '/usr/share/asterisk/sounds'), 'stumpfworks/prompts/swf-test-hello.wav'))).toBe(true);
  });

  it('leaves every generated file 0640 in the asterisk group, none world-readable, and Asterisk read them', async () => {
    const gid = asteriskGid(asterisk.asteriskRoot!);
    const files = readdirSync(asterisk.confDir!);
    expect(files).toEqual(expect.arrayContaining(Object.keys(FILES)));
    for (const name of files) {
      const file = statSync(join(asterisk.confDir!, name));
      expect({ name, mode: (file.mode & 0o777).toString(8), gid: file.gid }).toEqual({ name, mode: '640', gid });
    }
    // Read through the group: the endpoint from pjsip.conf and the mark of extensions.conf are live.
    const ari = await AriClient.connect('swf-server-modes', asterisk);
    try {
      expect(await ari.request('GET', '/endpoints/PJSIP/1002')).toMatchObject({ resource: '1002' });
    } finally {
      await ari.close();
    }
    expect(await dialplanHas(ami, 'stumpfworks-inbound', '4930300')).toBe(true);
  });

  it('routes a Local-channel call through the inbound route into the published flow', async () => {
    const ari = await AriClient.connect('swf-server-test', asterisk);
    try {
      const since = ari.mark();
      const channelId = `swf-server-${Date.now()}`;
      await ari.originate({ endpoint: 'Local/4930300@stumpfworks-inbound', app: 'swf-server-test', channelId, otherChannelId: `${channelId}-2` });
      const event = await ari.waitFor('ChannelUserevent', (e) => e.eventname === 'SWFlowNode', { since, timeoutMs: 10_000 });
      expect(event.userevent).toMatchObject({ flow: 'support-queue', node: 'start' });
      await ari.hangup(channelId).catch((error: Error) => {
        if (!/404/.test(error.message)) throw error; // the call may have ended already
      });
    } finally {
      await ari.close();
    }
  });

  it('lets sipp REGISTER as the extension with its secret, and refuses a wrong secret', async () => {
    const ok = await sippRegister(state.sipPort, '1002', secret);
    expect(ok.status, ok.output).toBe(0);
    const offset = logOffset(asterisk.messagesLog!);
    const wrong = await sippRegister(state.sipPort, '1002', `${secret}x`);
    expect(wrong.status).not.toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(readLogSince(asterisk.messagesLog!, offset)).toMatch(/REGISTER.*1002.*Failed to authenticate/);
  });

  it('shows the registration in /status and lists and hangs up calls', async () => {
    const ok = await sippRegister(state.sipPort, '1002', secret);
    expect(ok.status, ok.output).toBe(0);
    const status = (await t.ok('/status')) as { extensions: Array<{ id: string; state: string; inUse: boolean }>; trunks: Array<{ id: string }> };
    expect(status.extensions).toContainEqual(expect.objectContaining({ id: '1002', state: 'online', inUse: false }));
    expect(status.trunks.map((x) => x.id)).toEqual(['carrier']);

    const ari = await AriClient.connect('swf-server-calls', asterisk);
    try {
      const channelId = `swf-calls-${Date.now()}`;
      const since = ari.mark();
      await ari.originate({ endpoint: 'Local/800@stumpfworks-rooms', app: 'swf-server-calls', channelId, otherChannelId: `${channelId}-2` });
      const calls = (await t.ok('/calls')) as Array<{ id: string }>;
      expect(calls.map((x) => x.id)).toContain(channelId);
      expect((await t.api(`/calls/${channelId}/hangup`, { method: 'POST' })).status).toBe(204);
      await ari.waitFor('ChannelDestroyed', (e) => e.channel.id === channelId, { since });
      expect((await t.api(`/calls/${channelId}/hangup`, { method: 'POST' })).status).toBe(404);
    } finally {
      await ari.close();
    }
    const refused = await t.api('/calls/originate', { method: 'POST', json: { extension: '1999', number: '800' } });
    expect(refused.status).toBe(404);
  });

  it('rolls back a publish that Asterisk refuses, leaving the live dialplan unchanged', async () => {
    const before = Object.fromEntries(Object.keys(FILES).map((n) => [n, readFileSync(join(asterisk.confDir!, n), 'utf8')]));
    await t.ok('/extensions', { method: 'POST', json: { id: '1003', name: 'New' } });
    breakNextPublish = 'extensions.conf';
    const response = await t.api('/publish', { method: 'POST' });
    breakNextPublish = undefined;
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: { code: string; message: string; publishId: string } };
    expect(body.error.code).toBe('publish-failed');
    expect(body.error.message).toContain('extensions.conf');
    for (const name of Object.keys(FILES)) expect(readFileSync(join(asterisk.confDir!, name), 'utf8'), name).toBe(before[name]);
    expect(await dialplanHas(ami, 'stumpfworks-internal', '1002')).toBe(true);
    expect(await dialplanHas(ami, 'stumpfworks-internal', '1003')).toBe(false);
    expect(await dialplanHas(ami, 'broken-section')).toBe(false);
    const record = (await t.ok(`/publishes/${body.error.publishId}`)) as { outcome: string; reason: string };
    expect(record.outcome).toBe('rolled-back');
  });

  it('loses nothing across a restart: the next publish applies only the pending change', async () => {
    await t.restart();
    expect((await t.api('/extensions/1003')).status).toBe(200);
    expect(((await t.ok('/publishes')) as unknown[]).length).toBe(3); // the empty PBX, the first publish, the rolled-back one
    const response = await t.api('/publish', { method: 'POST' });
    const body = (await response.json()) as { outcome: string; changedFiles: string[] };
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ outcome: 'applied', changedFiles: ['pjsip.conf', 'extensions.conf'] });
    expect(await dialplanHas(ami, 'stumpfworks-internal', '1003')).toBe(true);
    const again = (await t.ok('/publish', { method: 'POST' })) as { outcome: string };
    expect(again.outcome).toBe('unchanged');
  });

  it('rolls back a publish whose voicemail.conf Asterisk refuses: the live mailboxes stay as they were', async () => {
    const before = Object.fromEntries(Object.keys(FILES).map((n) => [n, readFileSync(join(asterisk.confDir!, n), 'utf8')]));
    expect((await t.api('/extensions', { method: 'POST', json: { id: '1004', name: 'Lager', voicemail: { enabled: true, pin: '2468' } } })).status).toBe(201);
    breakNextPublish = 'voicemail.conf';
    const response = await t.api('/publish', { method: 'POST' });
    breakNextPublish = undefined;
    const body = (await response.json()) as { error: { code: string; message: string; publishId: string } };
    expect(response.status, JSON.stringify(body)).toBe(502);
    expect(body.error.message).toContain('did not load the new voicemail.conf');
    for (const name of Object.keys(FILES)) expect(readFileSync(join(asterisk.confDir!, name), 'utf8'), name).toBe(before[name]);
    expect(await mailboxExists(ami, 'default', '1002')).toBe(true);
    expect(await mailboxExists(ami, 'default', '1004')).toBe(false);
    expect(await dialplanHas(ami, 'stumpfworks-internal', '1004')).toBe(false);

    const applied = await t.api('/publish', { method: 'POST' });
    expect(applied.status, await applied.clone().text()).toBe(200);
    expect(await mailboxExists(ami, 'default', '1004')).toBe(true);
  });
});
