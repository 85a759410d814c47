/**
 * 110/112 always route out: a phone's call to 112 leaves through the emergency route's trunk,
 * here an IP trunk to sipp's UAS on 127.0.0.1 standing in for the provider.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { AriClient } from '../support/ari.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, serverAsteriskEnv } from '../support/local-asterisk.js';
import { freePort } from './sipp.js';
import { SippUas } from './sipp-uas.js';

const availability = await detectAsterisk();
/** The generated files and the module each reloads: the server's own list. */
const FILES = GENERATED_FILES;


describeWithAsterisk(availability, 'emergency numbers on the real Asterisk', (asterisk) => {
  const env = serverAsteriskEnv();
  let restoreFiles: (() => Promise<void>) | undefined;
  let t: TestServer;
  let uas: SippUas;

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, FILES);
    t = await startTestServer(env);
    uas = new SippUas(await freePort());
  });

  afterAll(async () => {
    await uas?.stop();
    await t?.stop();
    await restoreFiles?.();
  });

  it('sends a call to 112 out through the emergency route, even with a blocking route for _1XX refused', async () => {
    await t.ok('/extensions', { method: 'POST', json: { id: '1000', name: 'Anna' } });
    await t.ok('/trunks', { method: 'POST', json: { id: 'provider', name: 'Provider', type: 'ip', server: '127.0.0.1', port: uas.port } });
    expect((await t.api('/routes/outbound', { method: 'POST', json: { id: 'short', name: 'x', patterns: ['_1XX'], block: true } })).status).toBe(422);
    expect((await t.api('/routes/outbound/emergency', { method: 'PUT', json: { id: 'emergency', name: 'Notruf', patterns: ['110', '112'], trunks: ['provider'] } })).status).toBe(200);
    const published = await t.api('/publish', { method: 'POST' });
    expect(published.status, await published.clone().text()).toBe(200);

    const ari = await AriClient.connect('swf-server-emergency', asterisk);
    try {
      const since = ari.mark();
      const channelId = `swf-112-${Date.now()}`;
      await ari.originate({ endpoint: 'Local/112@stumpfworks-internal', app: 'swf-server-emergency', channelId, otherChannelId: `${channelId}-2`, callerId: '1000' });
      // The ;1 leg enters Stasis when the ;2 leg is answered: by the "provider".
      await ari.waitFor('StasisStart', (e) => e.channel.id === channelId, { since, timeoutMs: 15_000 });
      expect(uas.messages()).toMatch(new RegExp(`INVITE sip:112@127\\.0\\.0\\.1:${uas.port}`));
      await ari.hangup(channelId);
      expect(await uas.exited).toBe(0);
    } finally {
      await ari.close();
    }
  });
});
