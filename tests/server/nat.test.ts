/**
 * A phone behind a real NAT (tests/server/nat-lab.ts: network namespaces, a veth pair per link,
 * nftables masquerade and port forwarding) registers to the real Asterisk, calls an IVR published
 * through the server, and audio flows both ways: the phone counts Asterisk's RTP arriving (nftables
 * counter in its namespace), Asterisk counts the phone's (the channel's rtpqos rxcount). Asterisk
 * sees the phone at the NAT's public address and reaches it there (OPTIONS, BYE). Without the
 * public address in the network settings the same call has no audio either way.
 * Needs a running Asterisk (CI=true fails without one) and root with ip and nft (CI=true fails
 * without them; scripts/lib.sh installs nftables). Asterisk is taken to listen on one address (as
 * asterisk.sh starts it, 127.0.0.1), which is then its SDP address and a local network (loopback);
 * on 0.0.0.0 its SDP address would be the host's, which the test's local networks would have to name.
 */
import { readFileSync } from 'node:fs';
import { edgeList } from '@stumpfworks/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amiAction, type AmiOptions } from '../../apps/server/src/asterisk/ami.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { AriClient } from '../support/ari.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, localAmi, readGeneratedFile, serverAsteriskEnv, stateFilePath, writeAndReload } from '../support/local-asterisk.js';
import { until } from '../support/until.js';
import { NAT_PORTS, NatLab, natLabUnavailable, PHONE_ADDRESS, sweepStale } from './nat-lab.js';
import { NatPhone, PHONE_RTP_PORT, PHONE_SIP_PORT, type PhoneCall } from './nat-phone.js';

const availability = await detectAsterisk();
const labProblem = natLabUnavailable();

const EXTENSION = { id: '2747', secret: 'Nat-Phone-Homeoffice-xYz7' };
const IVR_NUMBER = '7780';
const RTP = { rtpPortStart: 17000, rtpPortEnd: 17999 };
/** Packets of 20 ms: one second of audio. */
const ONE_SECOND = 50;

const ivr = {
  schemaVersion: 1,
  id: 'nat-ivr',
  name: 'NAT-Probe',
  nodes: [
    { id: 'start', type: 'Start', params: { number: IVR_NUMBER, language: 'de' } },
    { id: 'welcome', type: 'Play', params: { prompt: { kind: 'tts', text: { de: 'Willkommen bei der Probe hinter dem Router.' } } } },
    { id: 'menu', type: 'Menu', params: { prompt: { kind: 'tts', text: { de: 'Für den Vertrieb drücken Sie die Eins.' } }, timeoutSeconds: 30, maxAttempts: 3 } },
    { id: 'bye', type: 'Hangup', params: {} },
  ],
  edges: edgeList(['start.next->welcome', 'welcome.next->menu', 'menu.1->bye', 'menu.timeout->bye', 'menu.invalid->bye']),
};

/** sipp's message log as messages, each `received` or sent, with its text. */
function messageList(log: string): Array<{ received: boolean; text: string }> {
  return log
    .split(/^-{20,}.*\n/m)
    .filter((block) => block.trim() !== '')
    .map((block) => ({ received: /^UDP message received/.test(block), text: block.replace(/^.*\n\n/, '') }));
}

/** The SDP Asterisk answered with (the 200 OK to the INVITE): its media address and port. */
function answeredMedia(log: string): { address: string; port: number } {
  const answer = messageList(log).find((m) => m.received && /^SIP\/2\.0 200 OK/.test(m.text) && /^CSeq: \d+ INVITE/m.test(m.text) && /^m=audio/m.test(m.text));
  if (!answer) throw new Error(`no 200 OK with SDP among the phone's messages:\n${log}`);
  return { address: /^c=IN IP4 (\S+)/m.exec(answer.text)![1]!, port: Number(/^m=audio (\d+)/m.exec(answer.text)![1]) };
}

/** Whether the phone received an OPTIONS and answered it with 200 OK. */
function answeredOptions(log: string): boolean {
  const messages = messageList(log);
  return messages.some((m) => m.received && /^OPTIONS sip:/.test(m.text)) && messages.some((m) => !m.received && /^SIP\/2\.0 200 OK/.test(m.text) && /^CSeq: \d+ OPTIONS/m.test(m.text));
}

if (labProblem && availability.ok) {
  if (process.env.CI === 'true') {
    describe('a phone behind a real NAT', () => {
      it('needs root with ip and nft (CI=true: a missing one is a failure)', () => {
        throw new Error(labProblem);
      });
    });
  } else {
    console.warn(`[nat test] skipping: ${labProblem}`);
    describe.skip(`a phone behind a real NAT (skipped: ${labProblem})`, () => {
      it('needs root with ip and nft', () => undefined);
    });
  }
} else {
  describeWithAsterisk(availability, 'a phone behind a real NAT (network namespaces, nftables)', (asterisk) => {
    const state = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipHost: string; sipPort: number };
    const ami: AmiOptions = localAmi();
    let t: TestServer;
    let lab: NatLab;
    let phone: NatPhone;
    let ari: AriClient;
    let restoreFiles: (() => Promise<void>) | undefined;

    /** The RTP packets the channel received (chan_pjsip's CHANNEL(rtcp,rxcount,audio)). */
    const packetsReceived = async (channel: string) => {
      const [packet] = await amiAction(ami, { Action: 'Getvar', Channel: channel, Variable: 'CHANNEL(rtcp,rxcount,audio)' });
      if (!/^\d+$/.test(packet?.Value ?? '')) throw new Error(`CHANNEL(rtcp,rxcount,audio) of ${channel}: ${JSON.stringify(packet)}`);
      return Number(packet!.Value);
    };
    const remoteAddress = async (channel: string) => (await amiAction(ami, { Action: 'Getvar', Channel: channel, Variable: 'CHANNEL(pjsip,remote_addr)' }))[0]?.Value;

    /**
     * Calls the IVR and runs `during` once the flow reached its menu, with the call and Asterisk's
     * channel; then hangs up from Asterisk's side: the BYE must reach the phone through the NAT
     * (sipp exits 0), or, with `byeReaches: false`, must not have reached it once Asterisk has
     * destroyed the channel. When something fails on the way, the channel and sipp are ended all the same.
     */
    const callIvr = async (during: (call: PhoneCall, channel: { id: string; name: string }) => Promise<void>, { byeReaches = true } = {}) => {
      lab.resetCounters();
      const since = ari.mark();
      const call = phone.call(IVR_NUMBER);
      let channelId: string | undefined;
      try {
        const event = await ari.waitFor('ChannelUserevent', (e) => e.eventname === 'SWFlowNode' && (e.userevent as { node?: string }).node === 'menu', {
          since,
          timeoutMs: 20_000,
        });
        if (!event.channel) throw new Error(`the flow's menu event names no channel: ${JSON.stringify(event)}`);
        channelId = event.channel.id;
        await during(call, { id: event.channel.id, name: event.channel.name });
        const hangingUp = ari.mark();
        await ari.hangup(channelId);
        channelId = undefined;
        if (byeReaches) expect(await call.exited, call.messages()).toBe(0);
        else {
          await ari.waitFor('ChannelDestroyed', (e) => e.channel.id === event.channel!.id, { since: hangingUp });
          expect(messageList(call.messages()).some((m) => m.received && /^BYE /.test(m.text))).toBe(false);
        }
      } finally {
        if (channelId) {
          await ari.hangup(channelId).catch((error: Error) => {
            if (!/404/.test(error.message)) throw error; // the call may have ended already
          });
        }
        await call.stop();
      }
    };

    /** The live pjsip.conf, changed by `edit` (which must change it), written and reloaded. */
    const editPhoneEndpoint = async (edit: (text: string) => string) => {
      const file = readGeneratedFile(asterisk, 'pjsip.conf');
      const edited = edit(file);
      expect(edited).not.toBe(file);
      await writeAndReload(asterisk, 'pjsip.conf', edited, GENERATED_FILES['pjsip.conf']);
    };

    const publishNetwork = async (settings: Record<string, unknown>) => {
      await t.ok('/settings/network', { method: 'PUT', json: settings });
      const response = await t.api('/publish', { method: 'POST' });
      expect(response.status, await response.clone().text()).toBe(200);
    };

    beforeAll(async () => {
      sweepStale();
      restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
      lab = new NatLab({ asteriskAddress: state.sipHost, sipPort: state.sipPort, phoneRtpPort: PHONE_RTP_PORT, ...RTP });
      lab.create();
      phone = new NatPhone(lab.phoneNs, `${lab.publicAddress}:${state.sipPort}`, EXTENSION);
      ari = await AriClient.connect('swf-nat-test', asterisk);
      t = await startTestServer(serverAsteriskEnv(), { ariRuntime: false });
      await t.ok('/extensions', { method: 'POST', json: { id: EXTENSION.id, name: 'Homeoffice', secret: EXTENSION.secret, codecs: ['ulaw'] } });
      await t.ok('/flows', { method: 'POST', json: ivr });
      await t.ok(`/flows/${ivr.id}/versions`, { method: 'POST' });
      await publishNetwork({ publicAddress: lab.publicAddress, ...RTP });
    });

    afterAll(async () => {
      // Each step runs even when one before it failed; the lab goes last so no sipp outlives it.
      const steps: Array<() => Promise<void> | void> = [() => phone?.close(), () => ari?.close(), () => t?.stop(), () => restoreFiles?.(), () => lab?.remove()];
      const failures: unknown[] = [];
      for (const step of steps) {
        try {
          await step();
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length > 0) throw new AggregateError(failures, 'NAT test cleanup failed');
    });

    it('registers from behind the NAT: Asterisk keeps the NAT\'s public address and port as the contact, and only notes the phone\'s own', async () => {
      const registered = phone.register();
      expect(registered.status, registered.output).toBe(0);
      const contacts = (await amiAction(ami, { Action: 'PJSIPShowContacts' })).filter((p) => p.Event === 'ContactList' && p.Endpoint === EXTENSION.id);
      expect(contacts).toHaveLength(1);
      const uri = contacts[0]!.Uri!;
      // rewrite_contact: the address the packets came from; the phone's own (private) one is only noted.
      const seen = new RegExp(`^sip:${EXTENSION.id}@${lab.natAddress.replaceAll('.', '\\.')}:(\\d+);x-ast-orig-host=${PHONE_ADDRESS.replaceAll('.', '\\.')}:${PHONE_SIP_PORT}$`).exec(uri);
      expect(seen, uri).not.toBeNull();
      expect(Number(seen![1])).toBeGreaterThanOrEqual(NAT_PORTS.first);
      expect(Number(seen![1])).toBeLessThanOrEqual(NAT_PORTS.last);
    });

    it('calls the IVR: the phone hears Asterisk and Asterisk hears the phone, through both NATs', async () => {
      expect(phone.register().status).toBe(0);
      await callIvr(async (call, channel) => {
        // Asterisk answered with the public address and a port of the RTP setting (rtp.conf).
        const media = answeredMedia(call.messages());
        expect(media.address).toBe(lab.publicAddress);
        expect(media.port).toBeGreaterThanOrEqual(RTP.rtpPortStart);
        expect(media.port).toBeLessThanOrEqual(RTP.rtpPortEnd);
        expect(await remoteAddress(channel.name)).toMatch(new RegExp(`^${lab.natAddress.replaceAll('.', '\\.')}:\\d+$`));

        const heardByPhone = await until('RTP packets the phone received', () => lab.packets('rtp_in'), (n) => n >= ONE_SECOND);
        const heardByAsterisk = await until('RTP packets Asterisk received', () => packetsReceived(channel.name), (n) => n >= ONE_SECOND);
        console.info(`[nat test] with the public address: the phone received ${heardByPhone} RTP packets, Asterisk ${heardByAsterisk}`);

        // Out of the dialog too: Asterisk's OPTIONS to the registered contact reach the phone, which answers.
        await amiAction(ami, { Action: 'PJSIPQualify', Endpoint: EXTENSION.id });
        await until('OPTIONS answered by the phone', () => call.messages(), answeredOptions);
        expect(lab.packets('rtp_to_loopback')).toBe(0);
      });
    });

    it('without the public address the same call has no audio either way (what the setting is for)', async () => {
      await publishNetwork({ publicAddress: null, ...RTP });
      expect(phone.register().status).toBe(0);
      await callIvr(async (call, channel) => {
        // Asterisk offers its own address, which the phone cannot reach: it sends its RTP to its own loopback.
        expect(answeredMedia(call.messages()).address).not.toBe(lab.publicAddress);
        const lost = await until('RTP the phone sent to its own loopback', () => lab.packets('rtp_to_loopback'), (n) => n >= ONE_SECOND);
        // Asterisk, having heard nothing to follow, sends to the private address the phone announced,
        // which it cannot reach (res_rtp_asterisk says so at debug level only: "RTP NAT: Can't write
        // RTP to private address").
        expect(await packetsReceived(channel.name)).toBe(0);
        expect(lab.packets('rtp_in')).toBe(0);
        console.info(`[nat test] without the public address: the phone sent ${lost} RTP packets to its own loopback; neither side received any`);
      });
    });

    it('without rtp_symmetric and rewrite_contact (Asterisk\'s defaults) the phone hears nothing and cannot be reached', async () => {
      await publishNetwork({ publicAddress: lab.publicAddress, ...RTP });
      // A probe, not a product setting: the published endpoint with the two options turned off.
      const endpoint = new RegExp(`(\\[${EXTENSION.id}\\]\\ntype = endpoint\\n[^[]*?)rtp_symmetric = yes\\nforce_rport = yes\\nrewrite_contact = yes`);
      await editPhoneEndpoint((text) => text.replace(endpoint, '$1rtp_symmetric = no\nforce_rport = yes\nrewrite_contact = no'));
      expect(phone.register().status).toBe(0);
      const contact = (await amiAction(ami, { Action: 'PJSIPShowContacts' })).find((p) => p.Event === 'ContactList' && p.Endpoint === EXTENSION.id);
      // The address the phone wrote into its Contact, which nobody outside its LAN reaches.
      expect(contact?.Uri).toBe(`sip:${EXTENSION.id}@${PHONE_ADDRESS}:${PHONE_SIP_PORT}`);
      await callIvr(
        async (_call, channel) => {
          const heard = await until('RTP packets Asterisk received', () => packetsReceived(channel.name), (n) => n >= ONE_SECOND);
          // One-way audio: Asterisk sends to the address in the phone's SDP, not where its RTP comes from.
          expect(lab.packets('rtp_in')).toBe(0);
          console.info(`[nat test] without rtp_symmetric: Asterisk received ${heard} RTP packets, the phone none`);
        },
        { byeReaches: false },
      );
    });
  });
}