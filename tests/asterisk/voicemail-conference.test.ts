/**
 * (h) VoiceMail() for a mailbox from the generated voicemail.conf, and ConfBridge(), through
 * Local channels, observed over ARI.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { PROBE_FILES } from './probe-config.js';
import { Probe, sleep } from './probe.js';

const availability = await detectAsterisk();

describeWithAsterisk(availability, 'VoiceMail and ConfBridge', (asterisk) => {
  let probe: Probe;
  beforeAll(async () => {
    probe = await Probe.start(asterisk, [PROBE_FILES.dialplan, PROBE_FILES.voicemail]);
  });
  afterAll(async () => {
    await probe?.stop();
  });

  it('VoiceMail(1000@default,u): # skips the greeting, # ends the recording, VMSTATUS=SUCCESS', async () => {
    const dropsDir = asterisk.asteriskRoot ? join(asterisk.asteriskRoot, 'var/spool/asterisk/stumpfworks-mail/new') : undefined;
    const drops = () => (dropsDir && existsSync(dropsDir) ? readdirSync(dropsDir).filter((n) => n.endsWith('.drop')) : []);
    const dropsBefore = new Set(drops());
    const call = await probe.call('swf-probe-voicemail');
    const started = await probe.ari.waitFor(
      'ChannelDialplan',
      (e) => e.channel.id === call.two && e.dialplan_app === 'VoiceMail',
      { since: call.mark },
    );
    expect(started.dialplan_app_data).toBe('1000@default,u');
    await sleep(1000);
    await probe.ari.sendDtmf(call.one, '#'); // during the greeting: skip to the beep
    await sleep(2000);
    await probe.ari.sendDtmf(call.one, '#'); // during the recording: end it
    const result = await probe.step(call, 'voicemail', { timeoutMs: 10_000 });
    expect(result).toMatchObject({ vmstatus: 'SUCCESS' });
    expect(result.file).toMatch(/^\/var\/spool\/asterisk\/voicemail\/default\/1000\/INBOX\/msg\d{4}$/);
    if (asterisk.asteriskRoot) {
      expect(existsSync(join(asterisk.asteriskRoot, `${result.file}.txt`))).toBe(true);
      expect(existsSync(join(asterisk.asteriskRoot, `${result.file}.wav`))).toBe(true);
      // mailcmd (stumpfworks-vmnotify) hands the message to the server in the background: one drop
      // file naming the box, the message's number and its msg_id from the .txt.
      await expect.poll(() => drops().filter((n) => !dropsBefore.has(n)).length).toBe(1);
      const drop = readFileSync(join(dropsDir!, drops().find((n) => !dropsBefore.has(n))!), 'utf8');
      const msgId = /^msg_id=(.+)$/m.exec(readFileSync(join(asterisk.asteriskRoot, `${result.file}.txt`), 'utf8'))?.[1];
      expect(msgId).toMatch(/^\d+-[0-9a-f]{8}$/);
      expect(drop).toBe(`context=default\nmailbox=1000\nfolder=INBOX\nmsgnum=${Number(result.file!.slice(-4))}\nmsg_id=${msgId}\n`);
    }
    await probe.end(call);
  });

  it('ConfBridge(8000) puts the caller into a softmix bridge named after the room', async () => {
    const call = await probe.call('swf-probe-conference');
    const entered = await probe.ari.waitFor('ChannelEnteredBridge', (e) => e.channel.id === call.two, {
      since: call.mark,
      timeoutMs: 10_000,
    });
    expect(entered.bridge).toMatchObject({
      technology: 'softmix',
      bridge_type: 'mixing',
      bridge_class: 'base',
      creator: 'ConfBridge',
      name: '8000',
    });
    expect(entered.bridge.channels).toContain(call.two);
    expect(entered.channel.dialplan).toMatchObject({ app_name: 'ConfBridge', app_data: '8000' });
    await probe.ari.hangup(call.one);
    const left = await probe.ari.waitFor('ChannelLeftBridge', (e) => e.channel.id === call.two, { since: call.mark });
    expect(left.bridge.id).toBe(entered.bridge.id);
    const result = await probe.ari.waitFor(
      'ChannelVarset',
      (e) => e.channel?.id === call.two && e.variable === 'CONFBRIDGE_RESULT',
      { since: call.mark },
    );
    expect(result.value).toBe('HANGUP');
    await probe.ended(call);
  });
});
