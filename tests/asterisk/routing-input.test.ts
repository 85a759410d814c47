/**
 * A number a phone dials reaches an outbound route's Goto() and Dial() only when it has nothing but
 * `0-9 * # +`: the routing renderer's check (packages/dialplan/src/resources/routing.ts) on the
 * real Asterisk, with `_0.` matching whatever follows the 0. Otherwise `,` or `&` in it would add
 * Dial() arguments or channels.
 */
import { EMPTY_RESOURCES, renderRouting } from '@stumpfworks/dialplan';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { channelOf, type ChannelDialplanEvent } from '../support/ari.js';
import { PROBE_APP } from './probe-config.js';
import { Probe } from './probe.js';

const availability = await detectAsterisk();

const ROUTING = renderRouting({
  ...EMPTY_RESOURCES,
  trunks: [{ id: 'out', name: 'Out', type: 'ip', server: '127.0.0.78', port: 5060, transport: 'udp', codecs: ['ulaw'] }],
  outboundRoutes: [{ id: 'any', name: 'Any', patterns: ['_0.'], trunks: ['out'], strip: 0, prepend: '', block: false }],
});

describeWithAsterisk(availability, 'dialled numbers in the outbound routes', (asterisk) => {
  let probe: Probe;
  beforeAll(async () => {
    probe = await Probe.start(asterisk, [{ name: 'extensions.conf', module: 'pbx_config.so', content: ROUTING }]);
  });
  afterAll(async () => {
    await probe?.stop();
  });

  let sequence = 0;
  /** The applications the dialled number's channel ran, with their data, until it was gone. */
  async function dial(number: string): Promise<string[]> {
    const id = `route-${process.pid}-${sequence++}`;
    const mark = probe.ari.mark();
    await probe.ari.originate({ endpoint: `Local/${number}@stumpfworks-outbound`, app: PROBE_APP, channelId: `${id}-1`, otherChannelId: `${id}-2` });
    await probe.ari.waitFor('ChannelDestroyed', (e) => e.channel.id === `${id}-2`, { since: mark });
    return probe.ari.received
      .slice(mark)
      .filter((e): e is ChannelDialplanEvent => e.type === 'ChannelDialplan' && channelOf(e)?.id === `${id}-2`)
      .map((e) => `${e.dialplan_app}(${e.dialplan_app_data})`);
  }

  it.each(['0301234', '0+49301234', '0*31#'])('%s goes through the route to Dial()', async (number) => {
    const apps = await dial(number);
    expect(apps.slice(0, 3)).toEqual([
      'GotoIf(1?route)',
      `Goto(stumpfworks-outbound-any,${number},1)`,
      'GotoIf(1?dial)',
    ]);
    expect(apps).toContain(`Dial(PJSIP/${number}@trunk-out,120)`);
  });

  it.each(['0301,U(evil)', '0301&1234', '0(1)', '0a', '0:1', '0301${EXTEN}'])('%s is refused before any Goto() or Dial() (cause 28)', async (number) => {
    expect(await dial(number)).toEqual(['GotoIf(0?route)', 'Hangup(28)']);
  });
});
