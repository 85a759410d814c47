/**
 * Music on hold from an uploaded MP3, on the real local Asterisk: the MP3 is converted through the
 * API, Asterisk plays the result, and a queue whose `musicOnHold` names the prompt gets a generated
 * class that Asterisk loads at publish.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mohClasses, type AmiOptions } from '../../apps/server/src/asterisk/ami.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { AriClient } from '../support/ari.js';
import { keepGeneratedFiles, localAmi, serverAsteriskEnv } from '../support/local-asterisk.js';

const availability = await detectAsterisk();

describeWithAsterisk(availability, 'music on hold from an uploaded MP3', (asterisk) => {
  const ami: AmiOptions = localAmi();
  const env = serverAsteriskEnv();
  let t: TestServer;
  let dir: string;
  let restoreFiles: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
    t = await startTestServer(env, { ariRuntime: false });
    dir = mkdtempSync(join(tmpdir(), 'swf-moh-'));
  });

  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
    await restoreFiles?.();
  });

  it('publishes a queue that plays an uploaded MP3 on hold; Asterisk loads the class and plays the file', async () => {
    execFileSync('espeak-ng', ['-v', 'de', '-w', join(dir, 'spoken.wav'), '--', 'Bitte bleiben Sie am Apparat.']);
    execFileSync('sox', [join(dir, 'spoken.wav'), '-r', '44100', '-c', '2', join(dir, 'hold.mp3')]);
    const upload = await t.api('/prompts/swf-test-hold/audio?name=Warten', { method: 'PUT', headers: { 'content-type': 'audio/mpeg' }, body: readFileSync(join(dir, 'hold.mp3')) });
    expect(upload.status, await upload.clone().text()).toBe(200);
    expect((await t.api('/extensions', { method: 'POST', json: { id: '1010', name: 'Agent' } })).status).toBe(201);
    const queue = await t.api('/queues', { method: 'POST', json: { id: 'hold-test', name: 'Hold', members: ['1010'], musicOnHold: 'swf-test-hold' } });
    expect(queue.status, await queue.clone().text()).toBe(201);
    expect((await t.api('/conferences', { method: 'POST', json: { id: '810', name: 'Listen' } })).status).toBe(201);

    const response = await t.api('/publish', { method: 'POST' });
    const body = (await response.json()) as { outcome: string; diff: Record<string, string> };
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.diff['musiconhold.conf']).toContain('+[swf-swf-test-hold]');
    expect(body.diff['musiconhold.conf']).toContain('+entry = /usr/share/asterisk/sounds/stumpfworks/prompts/swf-test-hold');
    expect(body.diff['queues.conf']).toContain('+musicclass = swf-swf-test-hold');
    expect(await mohClasses(ami)).toContain('swf-swf-test-hold');

    // Asterisk plays the converted file: a channel in our app (the ;1 leg of a call into a room).
    const ari = await AriClient.connect('swf-server-moh', asterisk);
    try {
      const since = ari.mark();
      const channelId = `swf-moh-${Date.now()}`;
      await ari.originate({ endpoint: 'Local/810@stumpfworks-rooms', app: 'swf-server-moh', channelId, otherChannelId: `${channelId}-2` });
      await ari.waitFor('StasisStart', (e) => e.channel.id === channelId, { since, timeoutMs: 15_000 });
      const events = ari.events();
      const playbackId = await ari.play(channelId, 'sound:stumpfworks/prompts/swf-test-hold');
      let finished: { state?: string } | undefined;
      for await (const event of events) {
        const playback = (event as { playback?: { id: string; state: string } }).playback;
        if (event.type === 'PlaybackFinished' && playback?.id === playbackId) {
          finished = playback;
          break;
        }
      }
      expect(finished?.state).toBe('done'); // a missing or unreadable file ends as 'failed'
      await ari.hangup(channelId);
    } finally {
      await ari.close();
    }
  });

  it('refuses to publish a queue whose music names a prompt that was deleted', async () => {
    expect((await t.api('/prompts/swf-test-hold', { method: 'DELETE' })).status).toBe(204);
    const response = await t.api('/publish', { method: 'POST' });
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain('queue \\"hold-test\\" plays music on hold \\"swf-test-hold\\"');
  });
});
