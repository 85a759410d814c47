/**
 * MWI for phones that SUBSCRIBE (issue #18 point 1) on the real Asterisk: a sipp phone registers
 * (and gets the unsolicited NOTIFY), then SUBSCRIBEs to message-summary from the same port: the 200
 * and the initial NOTIFY in the dialog (Messages-Waiting: no), `yes` with the count after a message
 * is left, `no` after it is deleted through the web API; meanwhile no unsolicited NOTIFY reaches it
 * (mwi_subscribe_replaces_unsolicited: one lamp signal per change, not two). The un-SUBSCRIBE
 * (Expires: 0) ends the dialog with a terminated NOTIFY, and the unsolicited ones come back. One
 * phone subscribes to its own number (the AOR), the other to the voicemail number `*97`, at once.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { AriClient } from '../support/ari.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, serverAsteriskEnv, stateFilePath, writeAndReload } from '../support/local-asterisk.js';
import { until } from '../support/until.js';
import { SippMwiSubscriber, type MwiNotice } from './sipp-mwi-subscriber.js';
import { freePort } from './sipp.js';

const availability = await detectAsterisk();
const SECRET = 'Mwi-Subscribe-Probe-7q';
const PHONES = [
  { box: '3110', target: '3110' },
  { box: '3111', target: '*97' },
] as const;

/** Leaves a message in a box: the ;1 leg (our Stasis app) plays a sound into VoiceMail() and hangs up when it ends. */
const TEST_DIALPLAN = `
[swf-vm-mwi-test]
${PHONES.map(({ box }) => `exten => ${box},1,Answer()\n same => n,VoiceMail(${box}@default,s)`).join('\n')}
`;

describeWithAsterisk(availability, 'MWI for phones that SUBSCRIBE on the real Asterisk', (asterisk) => {
  const state = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
  const spool = (box: string) => join(asterisk.asteriskRoot!, 'var/spool/asterisk/voicemail/default', box);
  const phones: SippMwiSubscriber[] = [];
  let t: TestServer;
  let ari: AriClient;
  let restoreFiles: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    for (const { box } of PHONES) rmSync(spool(box), { recursive: true, force: true });
    restoreFiles = keepGeneratedFiles(asterisk, { ...GENERATED_FILES, 'extensions-test.conf': 'pbx_config.so' });
    t = await startTestServer(serverAsteriskEnv(), { ariRuntime: false });
    for (const { box } of PHONES) {
      await t.ok('/extensions', { method: 'POST', json: { id: box, name: `Box ${box}`, secret: SECRET, codecs: ['ulaw'], voicemail: { enabled: true } } }, 201);
    }
    await t.ok('/publish', { method: 'POST' }, 200);
    await writeAndReload(asterisk, 'extensions-test.conf', TEST_DIALPLAN, 'pbx_config.so');
    ari = await AriClient.connect('swf-vm-mwi-test', asterisk);
  });

  afterAll(async () => {
    await Promise.all(phones.map((phone) => phone.stop()));
    await ari?.close();
    await t?.stop();
    await restoreFiles?.();
    if (asterisk.asteriskRoot) for (const { box } of PHONES) rmSync(spool(box), { recursive: true, force: true });
  });

  it.concurrent.each(PHONES)(
    'phone $box subscribed to sip:$target@: NOTIFY in the dialog for every change, no unsolicited duplicate, the un-SUBSCRIBE ends it',
    async ({ box, target }) => {
      const phone = new SippMwiSubscriber({ sipPort: state.sipPort, user: box, password: SECRET, target, port: await freePort() });
      phones.push(phone);
      const notices = () => phone.notices();
      const inDialog = (n: MwiNotice[]) => n.filter((x) => x.inDialog);
      const unsolicited = (n: MwiNotice[]) => n.filter((x) => !x.inDialog);
      const account = expect.stringMatching(/^<?sip:\*97@/);

      // Registered, not subscribed: Asterisk sends the unsolicited NOTIFY (so it would reach this port).
      const [registered] = unsolicited(await until(`${box}: the unsolicited NOTIFY after REGISTER`, notices, (n) => unsolicited(n).length > 0));
      expect(registered).toMatchObject({ waiting: 'no', voiceMessage: expect.stringMatching(/^0\/0/), account });

      // SUBSCRIBE: 200 with the granted Expires, then the initial NOTIFY in the dialog.
      await phone.step();
      const [initial] = inDialog(await until(`${box}: the initial NOTIFY of the subscription`, notices, (n) => inDialog(n).length > 0));
      expect(initial).toMatchObject({ state: expect.stringMatching(/^active/), waiting: 'no', voiceMessage: expect.stringMatching(/^0\/0/), account });
      const accepted = phone.messages().find((m) => m.direction === 'received' && m.header('CSeq') === '4 SUBSCRIBE' && m.line.startsWith('SIP/2.0 200'));
      expect(accepted?.header('Expires'), phone.errors()).toBe('600');

      // A message left: `yes` with the count, in the dialog.
      const since = ari.mark();
      const caller = await ari.originate({ endpoint: `Local/${box}@swf-vm-mwi-test`, app: ari.app, callerId: 'Kunde <4930123>' });
      await ari.waitFor('StasisStart', (e) => e.channel.id === caller.id, { since });
      const playback = await ari.play(caller.id, 'sound:tt-weasels');
      await ari.waitFor('PlaybackFinished', (e) => e.playback.id === playback, { since });
      await ari.hangup(caller.id);
      const lit = await until(`${box}: NOTIFY yes 1/0 in the dialog`, notices, (n) => inDialog(n).some((x) => x.waiting === 'yes'));
      expect(inDialog(lit).find((x) => x.waiting === 'yes')).toMatchObject({ state: expect.stringMatching(/^active/), voiceMessage: expect.stringMatching(/^1\/0/), account });

      // Deleted through the web API: `no` again, in the dialog.
      const [message, ...others] = await t.ok<Array<{ id: string }>>(`/voicemail/${box}/messages`);
      expect(others).toEqual([]);
      expect((await t.api(`/voicemail/${box}/messages/${message!.id}`, { method: 'DELETE' })).status).toBe(204);
      const litAt = inDialog(lit).find((x) => x.waiting === 'yes')!.index;
      const dark = await until(`${box}: NOTIFY no 0/0 in the dialog after the delete`, notices, (n) =>
        inDialog(n).some((x) => x.index > litAt && x.waiting === 'no' && x.voiceMessage.startsWith('0/0')),
      );
      expect(unsolicited(dark)).toEqual([registered]);

      // The un-SUBSCRIBE: the dialog's last NOTIFY says terminated, and the unsolicited ones are back.
      await phone.step();
      const ended = await until(`${box}: the terminated NOTIFY and the unsolicited one after the un-SUBSCRIBE`, notices, (n) =>
        inDialog(n).some((x) => x.state.startsWith('terminated')) && unsolicited(n).length > 1,
      );
      const unsubscribedAt = phone.sentAt((m) => m.line.startsWith('SUBSCRIBE ') && m.header('Expires') === '0');
      const terminated = inDialog(ended).find((x) => x.state.startsWith('terminated'))!;
      expect(unsubscribedAt).toBeGreaterThan(0);
      expect(terminated.index).toBeGreaterThan(unsubscribedAt);
      expect(inDialog(ended).filter((x) => x.index > terminated.index)).toEqual([]);
      // While subscribed (initial NOTIFY to un-SUBSCRIBE) not one unsolicited NOTIFY; the one after it is the box's state.
      expect(unsolicited(ended).filter((x) => x.index > initial!.index && x.index < unsubscribedAt)).toEqual([]);
      expect(unsolicited(ended).at(-1)).toMatchObject({ waiting: 'no', voiceMessage: expect.stringMatching(/^0\/0/), account });
      expect(unsolicited(ended).at(-1)!.index).toBeGreaterThan(unsubscribedAt);

      // The last step ends the scenario: sipp exits 0 only if every answer came as expected.
      await phone.step();
      expect(await phone.exited, phone.errors()).toBe(0);
    },
  );
});
