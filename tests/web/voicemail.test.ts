/**
 * The voicemail page in headless Chromium against the real server and the real Asterisk: a message
 * left in box 3200 (VoiceMail() from a test context, fed by a sound over ARI) is listed, played in
 * the page's <audio> element to its `ended` event (the server answers Range requests, so it is
 * seekable) and deleted; a sipp phone registered as 3200 gets the MWI NOTIFYs: yes after the
 * message, no after the delete in the page. A greeting is spoken from a text and deleted.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { AriClient } from '../support/ari.js';
import { keepGeneratedFiles, serverAsteriskEnv, stateFilePath, writeAndReload } from '../support/local-asterisk.js';
import { SippMwiPhone } from '../server/sipp-mwi-phone.js';
import { freePort, sippRegister } from '../server/sipp.js';
import { hasChromium, openWebSession, poll, type WebSession } from './harness.js';

const availability = hasChromium() ? await detectAsterisk() : ({ ok: false, reason: 'no Chromium' } as const);
const SECRET = 'Voicemail-Web-Phone-7x';

const LEAVE_DIALPLAN = `
[swf-web-vm]
exten => leave,1,Answer()
 same => n,VoiceMail(3200@default,s)
`;

describeWithAsterisk(availability, 'the voicemail page in Chromium', (asterisk) => {
  const state = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
  const box = join(asterisk.asteriskRoot!, 'var/spool/asterisk/voicemail/default/3200');
  let web: WebSession;
  let page: WebSession['page'];
  let ari: AriClient;
  let phone: SippMwiPhone | undefined;
  let restoreFiles: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    rmSync(box, { recursive: true, force: true });
    restoreFiles = keepGeneratedFiles(asterisk, { ...GENERATED_FILES, 'extensions-test.conf': 'pbx_config.so' });
    web = await openWebSession(serverAsteriskEnv(), { ariRuntime: false });
    page = web.page;
    await web.server.ok('/extensions', { method: 'POST', json: { id: '3200', name: 'Empfang', secret: SECRET, codecs: ['ulaw'], voicemail: { enabled: true, pin: '250371' } } }, 201);
    await web.server.ok('/publish', { method: 'POST' }, 200);
    await writeAndReload(asterisk, 'extensions-test.conf', LEAVE_DIALPLAN, 'pbx_config.so');
    ari = await AriClient.connect('swf-web-vm-test', asterisk);
  });

  afterAll(async () => {
    await phone?.stop();
    await ari?.close();
    await web?.close();
    await restoreFiles?.();
    if (asterisk.asteriskRoot) rmSync(box, { recursive: true, force: true });
  });

  it('lists a message, plays it to its end, deletes it; the phone lamp follows', async () => {
    const port = await freePort();
    const registered = await sippRegister(state.sipPort, '3200', SECRET, port);
    expect(registered.status, registered.output).toBe(0);
    phone = new SippMwiPhone(port);

    const since = ari.mark();
    const caller = await ari.originate({ endpoint: 'Local/leave@swf-web-vm', app: ari.app, callerId: 'Kunde <4930999>' });
    await ari.waitFor('StasisStart', (e) => e.channel.id === caller.id, { since });
    const playback = await ari.play(caller.id, 'sound:tt-weasels');
    await ari.waitFor('PlaybackFinished', (e) => e.playback.id === playback, { since });
    await ari.hangup(caller.id);
    const inbox = join(box, 'INBOX');
    await poll(() => (existsSync(inbox) ? readdirSync(inbox) : [])).toContain('msg0000.txt');
    await poll(() => phone!.notifies().some((n) => n.waiting === 'yes')).toBe(true);

    await page.goto(`${web.server.server.url}/dashboard`);
    await page.getByRole('navigation').getByRole('link', { name: 'Mailboxen', exact: true }).click();
    const row = page.locator('tr[data-folder="INBOX"]');
    await poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Kunde <4930999>');
    await web.shot('60-voicemail');

    await row.getByRole('button', { name: 'Abspielen' }).click();
    const audio = page.getByTestId('voicemail-audio');
    await poll(() => audio.count()).toBe(1);
    // Plays it through (the click was the user's gesture); seekable only when the server answers Range.
    const played = await audio.evaluate(
      (element: HTMLAudioElement) =>
        new Promise<{ ended: boolean; seekable: number; duration: number }>((resolve, reject) => {
          const done = () => resolve({ ended: element.ended, seekable: element.seekable.length > 0 ? element.seekable.end(0) : 0, duration: element.duration });
          element.addEventListener('ended', done, { once: true });
          element.addEventListener('error', () => reject(new Error(`audio error ${element.error?.code}: ${element.error?.message}`)), { once: true });
          if (element.ended) done();
          else void element.play().catch(reject);
        }),
    );
    expect(played.ended).toBe(true);
    expect(played.duration).toBeGreaterThan(1);
    expect(played.seekable).toBeCloseTo(played.duration, 1);
    const listened = await web.server.ok<{ entries: Array<{ resource: { id: string | null } }> }>('/audit?action=voicemail.listen');
    expect(listened.entries.some((e) => e.resource.id === '3200')).toBe(true);

    await row.getByRole('button', { name: 'Löschen' }).click();
    await poll(() => page.getByText('Keine Nachrichten.').count()).toBe(1);
    expect(await web.server.ok('/voicemail/3200/messages')).toEqual([]);
    await poll(() => {
      const notifies = phone!.notifies();
      const yes = notifies.findIndex((n) => n.waiting === 'yes');
      return yes >= 0 && notifies.slice(yes + 1).some((n) => n.waiting === 'no' && n.voiceMessage.startsWith('0/0'));
    }).toBe(true);

    // A greeting spoken from a text (espeak-ng), then deleted.
    await page.getByLabel('Text sprechen lassen').fill('Hier ist der Empfang. Bitte sprechen Sie nach dem Ton.');
    await page.getByRole('button', { name: 'Als Ansage sprechen' }).click();
    const greeting = page.locator('tr[data-greeting="unavailable"]');
    await poll(() => greeting.getAttribute('data-present')).toBe('true');
    expect(existsSync(join(box, 'unavail.wav'))).toBe(true);
    await web.shot('61-voicemail-greetings');
    await greeting.getByRole('button', { name: 'Löschen' }).click();
    await poll(() => greeting.getAttribute('data-present')).toBe('false');
    expect(web.errors).toEqual([]);
  });
});
