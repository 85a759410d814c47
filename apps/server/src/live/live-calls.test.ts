import { describe, expect, it } from 'vitest';
import { LiveCalls } from './live-calls.js';
import { LiveFeed, MAX_QUEUED } from './live-feed.js';

/** An AMI channel event as Asterisk 22 sends it (the fields LiveCalls reads). */
function channel(event: string, id: string, fields: Record<string, string> = {}) {
  return {
    Event: event,
    Channel: `PJSIP/${id.startsWith('a') ? 'trunk' : '1001'}-0000000${id.length}`,
    ChannelState: '6',
    ChannelStateDesc: 'Up',
    CallerIDNum: '0891234',
    CallerIDName: '<unknown>',
    ConnectedLineNum: '<unknown>',
    ConnectedLineName: '<unknown>',
    Exten: '1001',
    Uniqueid: id,
    Linkedid: 'a1',
    ...fields,
  };
}

describe('LiveCalls', () => {
  it('follows a call from ringing through the IVR and a dial to talking, and forgets it at the last hangup', () => {
    let now = 1_000;
    const calls = new LiveCalls(() => now);
    expect(calls.apply(channel('Newchannel', 'a1', { ChannelStateDesc: 'Ring', CallerIDName: 'Anna <b>' }))).toEqual(['a1']);
    expect(calls.call('a1')).toMatchObject({ state: 'ringing', caller: { number: '0891234', name: 'Anna <b>' }, other: { number: '1001', name: '' }, startedAt: 1_000, channels: 1 });
    calls.apply(channel('Newstate', 'a1'));
    expect(calls.visit('a1', { flowId: 'main', flowVersion: 3, nodeId: 'menu' })).toBe('a1');
    expect(calls.call('a1')).toMatchObject({ state: 'ivr', node: { flowId: 'main', flowVersion: 3, nodeId: 'menu' } });
    now = 2_000;
    calls.apply({ ...prefixed(channel('', 'b22', { ChannelStateDesc: 'Down', CallerIDNum: '1001', CallerIDName: 'Bob' })), ...channel('DialBegin', 'a1') });
    expect(calls.call('a1')).toMatchObject({ state: 'ringing', channels: 2 });
    calls.apply(channel('DialEnd', 'a1'));
    calls.apply(channel('BridgeEnter', 'a1', { BridgeUniqueid: 'br', ConnectedLineNum: '1001', ConnectedLineName: 'Bob' }));
    calls.apply(channel('BridgeEnter', 'b22', { BridgeUniqueid: 'br', CallerIDNum: '1001' }));
    expect(calls.call('a1')).toMatchObject({ state: 'up', other: { number: '1001', name: 'Bob' }, startedAt: 1_000 });
    calls.apply(channel('Hold', 'b22'));
    expect(calls.call('a1')!.state).toBe('hold');
    calls.apply(channel('Unhold', 'b22'));
    expect(calls.apply(channel('Hangup', 'b22'))).toEqual(['a1']);
    expect(calls.call('a1')).toMatchObject({ channels: 1 });
    calls.apply(channel('Hangup', 'a1'));
    expect(calls.call('a1')).toBeUndefined();
    expect(calls.all()).toEqual([]);
  });

  it('marks a caller in a queue, and a visit that came before its channel', () => {
    const calls = new LiveCalls(() => 5);
    expect(calls.visit('a1', { flowId: 'f', flowVersion: 1, nodeId: 'q' })).toBeUndefined();
    calls.apply(channel('Newchannel', 'a1'));
    expect(calls.call('a1')!.node).toEqual({ flowId: 'f', flowVersion: 1, nodeId: 'q' });
    calls.apply(channel('QueueCallerJoin', 'a1', { Queue: 'support' }));
    expect(calls.call('a1')).toMatchObject({ state: 'queue', queue: 'support' });
    calls.apply(channel('QueueCallerLeave', 'a1', { Queue: 'support' }));
    expect(calls.call('a1')!.queue).toBeUndefined();
  });

  it('starts over from CoreShowChannels with the durations and bridges Asterisk lists', () => {
    const calls = new LiveCalls(() => 100_000);
    calls.apply(channel('Newchannel', 'a9', { Linkedid: 'a9' }));
    calls.reset([
      { ...channel('CoreShowChannel', 'a1'), Duration: '00:01:05', BridgeId: 'br', Application: 'Dial' },
      { ...channel('CoreShowChannel', 'b22'), Duration: '00:00:50', BridgeId: 'br' },
    ]);
    expect(calls.all().map((c) => [c.id, c.state, c.startedAt])).toEqual([['a1', 'up', 35_000]]);
    expect(calls.channelsOf('1001')).toBe(1);
  });
});

/** A channel event's fields as the Dest* ones of a DialBegin. */
function prefixed(fields: Record<string, string>) {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'Event').map(([k, v]) => [`Dest${k}`, v]));
}

describe('LiveFeed', () => {
  const call = (id: string, queue?: string) => ({ id, channel: id, channelName: 'x', caller: { number: '1', name: '' }, other: { number: '2', name: '' }, state: 'up' as const, startedAt: 0, channels: 1, ...(queue ? { queue } : {}) });
  const snapshot = () => ({ now: 7, connected: true, calls: [call('1'), call('2', 'sales')], endpoints: { extensions: [], trunks: [] } });

  it('sends a snapshot first, then only the calls the client may see, and ends a call that moved out of its sight', async () => {
    const feed = new LiveFeed(snapshot, (c) => c.queue !== 'sales');
    expect(await feed.next(10)).toEqual({ event: 'snapshot', data: { ...snapshot(), calls: [call('1')] } });
    feed.push({ type: 'call', call: call('3', 'sales') });
    feed.push({ type: 'call', call: call('1', 'sales') });
    feed.push({ type: 'call-end', id: '2' });
    expect(await feed.next(10)).toEqual({ event: 'call-end', data: { id: '1' } });
    expect(await feed.next(10)).toBeUndefined();
  });

  it('keeps at most MAX_QUEUED messages for a client that does not read: then one fresh snapshot', async () => {
    const feed = new LiveFeed(snapshot, () => true);
    await feed.next(10);
    for (let i = 0; i <= MAX_QUEUED; i++) feed.push({ type: 'call', call: call(String(i)) });
    expect((await feed.next(10))?.event).toBe('snapshot');
    expect(await feed.next(10)).toBeUndefined();
  });

  it('wakes a waiting reader at once when a change comes', async () => {
    const feed = new LiveFeed(snapshot, () => true);
    await feed.next(10);
    const waiting = feed.next(60_000);
    feed.push({ type: 'endpoints', endpoints: { extensions: [{ id: '1001', state: 'online' }], trunks: [] } });
    expect(await waiting).toEqual({ event: 'endpoints', data: { extensions: [{ id: '1001', state: 'online' }], trunks: [] } });
  });
});
