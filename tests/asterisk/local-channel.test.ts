/**
 * (b) Local-channel originate into a Stasis app, and how a dialplan UserEvent looks over ARI.
 * (d) Caller ID given at originate, as the ;2 leg sees it.
 * (e) Originate variables as the ;2 leg and a further Dial leg see them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { channelOf } from '../support/ari.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { PROBE_APP, PROBE_FILES } from './probe-config.js';
import { Probe } from './probe.js';

const availability = await detectAsterisk();

describeWithAsterisk(availability, 'Local channels and the UserEvent trace', (asterisk) => {
  let probe: Probe;
  beforeAll(async () => {
    probe = await Probe.start(asterisk, [PROBE_FILES.dialplan]);
  });
  afterAll(async () => {
    await probe?.stop();
  });

  it('(b) puts the ;1 leg into Stasis and runs the dialplan on ;2; UserEvent arrives as ChannelUserevent', async () => {
    const call = await probe.call('swf-probe-trace', { appArgs: ['probe-b', 'x'] });
    expect(call.originated).toMatchObject({
      id: call.one,
      state: 'Down',
      dialplan: { context: 'swf-probe-trace', exten: 's', priority: 1, app_name: 'AppDial2', app_data: '(Outgoing Line)' },
    });
    expect(call.originated.name).toMatch(/^Local\/s@swf-probe-trace-[0-9a-f]{8};1$/);

    const start = await probe.started(call);
    expect(start).toMatchObject({
      type: 'StasisStart',
      application: PROBE_APP,
      args: ['probe-b', 'x'],
      channel: { id: call.one, state: 'Up', dialplan: { app_name: 'Stasis', app_data: `${PROBE_APP},probe-b,x` } },
    });

    const event = await probe.ari.waitFor('ChannelUserevent', (e) => e.eventname === 'SWFlowNode', { since: call.mark });
    expect(event).toMatchObject({
      type: 'ChannelUserevent',
      application: PROBE_APP,
      eventname: 'SWFlowNode',
      channel: {
        id: call.two,
        state: 'Up',
        dialplan: { context: 'swf-probe-trace', exten: 's', priority: 2, app_name: 'UserEvent', app_data: 'SWFlowNode,flow: f1,node: n1' },
      },
    });
    // The ;2 leg, which never enters Stasis, is seen thanks to the subscription to all channels.
    expect(event.channel?.name).toMatch(/^Local\/s@swf-probe-trace-[0-9a-f]{8};2$/);
    // Exactly these keys: the event name is repeated inside userevent; values are trimmed.
    expect(event.userevent).toEqual({ eventname: 'SWFlowNode', flow: 'f1', node: 'n1' });
    await probe.end(call);
  });

  it('(b) parses UserEvent fields: split at the first colon, trimmed, case kept, colon-less fields dropped', async () => {
    const call = await probe.call('swf-probe-userevent-fields');
    const event = await probe.ari.waitFor('ChannelUserevent', (e) => e.eventname === 'SWShapes', { since: call.mark });
    expect(event.userevent).toEqual({
      eventname: 'SWShapes',
      nospace: 'v1',
      colon: 'a:b',
      spaced: 'x y',
      empty: '',
      Flow: 'Upper',
    });
    // Sent before Answer: the ;2 leg is still ringing, and its ;1 leg is not in Stasis yet.
    expect(event.channel?.state).toBe('Ring');
    await probe.end(call);
  });

  it('(b) event order of one call, read through events() and on()', async () => {
    const seen: string[] = [];
    const hangups: number[] = [];
    const unsubscribe = probe.ari.on('ChannelHangupRequest', () => hangups.push(Date.now()));
    const iterator = probe.ari.events();
    const call = await probe.call('swf-probe-trace');
    await probe.ari.waitFor('ChannelUserevent', (e) => e.channel?.id === call.two, { since: call.mark });
    await probe.end(call);
    for await (const event of iterator) {
      const channel = channelOf(event);
      if (channel?.id !== call.one && channel?.id !== call.two) continue;
      seen.push(`${event.type} ${channel.id === call.one ? ';1' : ';2'}`);
      if (seen.includes('ChannelDestroyed ;1') && seen.includes('ChannelDestroyed ;2')) break;
    }
    unsubscribe();
    expect(hangups.length).toBeGreaterThan(0);
    // The lines the trace and the harness rely on, in this order (others, e.g. ChannelVarset,
    // interleave; the two ChannelDestroyed come in either order).
    const milestones = seen.filter((line) => /^(ChannelCreated|StasisStart|ChannelUserevent|StasisEnd) /.test(line));
    expect(milestones).toEqual([
      'ChannelCreated ;1',
      'ChannelCreated ;2',
      'StasisStart ;1',
      'ChannelUserevent ;2',
      'StasisEnd ;1',
    ]);
  });

  it('(d) passes the originate callerId to the ;2 leg as CALLERID(num) and CALLERID(name)', async () => {
    const named = await probe.call('swf-probe-vars', { callerId: '"Probe Caller" <5551234>' });
    expect(await probe.step(named, 'child')).toMatchObject({ num: '5551234', name: 'Probe Caller' });
    const start = await probe.started(named);
    expect(start.channel.caller).toEqual({ name: 'Probe Caller', number: '5551234' });
    expect(await probe.ari.getChannelVar(named.two, 'CONNECTEDLINE(num)')).toBe('5551234');
    await probe.end(named);

    const bare = await probe.call('swf-probe-vars', { callerId: '017612345678' });
    expect(await probe.step(bare, 'child')).toMatchObject({ num: '017612345678', name: '' });
    await probe.end(bare);

    const none = await probe.call('swf-probe-vars');
    expect(await probe.step(none, 'child')).toMatchObject({ num: '', name: '' });
    await probe.end(none);
  });

  it('(e) copies every originate variable to ;2; only _/__ ones survive a further Dial', async () => {
    const call = await probe.call('swf-probe-vars', {
      callerId: '5551234',
      variables: { __SWF_NOW: '1780560000', SWF_PLAIN: 'plain', _SWF_ONE: 'one' },
    });
    // ;2 of the originated Local channel: all of them, under their bare names.
    expect(await probe.step(call, 'child')).toMatchObject({ now: '1780560000', plain: 'plain', one: 'one' });
    // ;2 of Local/s@swf-probe-vars-grandchild, dialed from there: inheritance rules apply.
    expect(
      await probe.step(call, 'grandchild', { channelName: 'Local/s@swf-probe-vars-grandchild-' }),
    ).toMatchObject({ now: '1780560000', plain: '', one: 'one', num: '5551234' });
    await probe.step(call, 'dialed');
    // Read back over ARI: the bare name works, the prefixed name is "not found" (HTTP 404).
    expect(await probe.ari.getChannelVar(call.one, 'SWF_NOW')).toBe('1780560000');
    expect(await probe.ari.getChannelVar(call.two, 'SWF_NOW')).toBe('1780560000');
    await expect(probe.ari.getChannelVar(call.two, '__SWF_NOW')).rejects.toMatchObject({ status: 404 });
    await expect(probe.ari.getChannelVar(call.two, 'SWF_UNSET')).rejects.toMatchObject({ status: 404 });
    await probe.end(call);
  });

  it('reads and writes globals over ARI (an unset global reads as "")', async () => {
    await probe.ari.setGlobal('SWF_PROBE_GLOBAL', 'g1');
    expect(await probe.ari.getGlobal('SWF_PROBE_GLOBAL')).toBe('g1');
    expect(await probe.ari.getGlobal('SWF_PROBE_NEVER_SET')).toBe('');
    await probe.ari.setGlobal('SWF_PROBE_GLOBAL', '');
  });
});
