/**
 * Media through Asterisk by default: a call between two phones published through the server stays
 * in Asterisk (no re-INVITE sends the phones to each other), and the per-extension directMedia
 * option lets Asterisk hand the media over (a re-INVITE to each phone). Phones: sipp REGISTERs, then
 * sipp's UAS answers on the registered port (127.0.0.1). A re-INVITE, when there is one, is sent
 * when the bridge starts, on the same queue as the BYE of the hangup that follows, so each phone's
 * messages tell it before the call ends.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { amiAction } from '../../apps/server/src/asterisk/ami.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { AriClient } from '../support/ari.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, localAmi, serverAsteriskEnv, stateFilePath } from '../support/local-asterisk.js';
import { freePort, sippRegister } from './sipp.js';
import { SippUas } from './sipp-uas.js';

const availability = await detectAsterisk();
const SECRET = 'Direct-Media-Probe-77x';

describeWithAsterisk(availability, 'direct media on the real Asterisk', (asterisk) => {
  const state = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
  let t: TestServer;
  let ari: AriClient;
  let restoreFiles: (() => Promise<void>) | undefined;
  const phones: SippUas[] = [];

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
    t = await startTestServer(serverAsteriskEnv(), { ariRuntime: false });
    ari = await AriClient.connect('swf-direct-media-test', asterisk);
    for (const [id, directMedia] of [['2811', false], ['2812', false], ['2821', true], ['2822', true]] as const) {
      await t.ok('/extensions', { method: 'POST', json: { id, name: `Phone ${id}`, secret: `${SECRET}${id.split('').reverse().join('')}`, codecs: ['ulaw'], directMedia } });
    }
    const response = await t.api('/publish', { method: 'POST' });
    expect(response.status, await response.clone().text()).toBe(200);
  });

  afterAll(async () => {
    for (const phone of phones) await phone.stop();
    await ari?.close();
    await t?.stop();
    await restoreFiles?.();
  });

  /** Registers both phones, lets the first call the second through Asterisk, hangs up; the INVITEs each phone got. */
  const callBetween = async (caller: string, callee: string): Promise<number[]> => {
    const pair: SippUas[] = [];
    for (const id of [caller, callee]) {
      const port = await freePort();
      const registered = await sippRegister(state.sipPort, id, `${SECRET}${id.split('').reverse().join('')}`, port);
      expect(registered.status, registered.output).toBe(0);
      const phone = new SippUas(port);
      phones.push(phone);
      pair.push(phone);
    }
    const since = ari.mark();
    const [originated] = await amiAction(localAmi(), { Action: 'Originate', Channel: `PJSIP/${caller}`, Application: 'Dial', Data: `PJSIP/${callee},10`, Async: 'true' });
    expect(originated?.Response).toBe('Success');
    const entered = new Set<string>();
    const first = await ari.waitFor('ChannelEnteredBridge', (e) => e.channel.name.startsWith(`PJSIP/${caller}-`), { since });
    entered.add(first.bridge.id);
    await ari.waitFor('ChannelEnteredBridge', (e) => e.channel.name.startsWith(`PJSIP/${callee}-`) && entered.has(e.bridge.id), { since });
    await ari.hangup(first.channel.id);
    await Promise.all(pair.map((p) => p.exited));
    return pair.map((p) => p.messages().split(/^-{20,}.*\n/m).filter((m) => /^UDP message received.*\n\nINVITE /.test(m)).length);
  };

  it('keeps a call between two phones in Asterisk: neither phone gets a re-INVITE', async () => {
    expect(await callBetween('2811', '2812')).toEqual([1, 1]);
  });

  it('hands the media to the phones when both extensions allow direct media', async () => {
    expect(await callBetween('2821', '2822')).toEqual([2, 2]);
  });
});
