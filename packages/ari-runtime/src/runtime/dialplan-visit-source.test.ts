import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../logger.js';
import { FakeAri, fakeChannel } from '../testing/fake-ari.js';
import { DialplanVisitSource } from './dialplan-visit-source.js';
import { MemoryVisitSink } from './visit-sink.js';

const userEvent = (channelId: string, eventname: string, userevent: Record<string, string>, timestamp = '2026-11-26T06:31:30.181+0000') => ({
  type: 'ChannelUserevent' as const,
  channel: fakeChannel(channelId),
  eventname,
  userevent: { eventname, ...userevent },
  timestamp,
});

async function started() {
  const ari = new FakeAri('stumpfworks-visits');
  const sink = new MemoryVisitSink();
  const logger = new MemoryLogger();
  const source = new DialplanVisitSource({ adapter: ari, sink, logger, flowVersion: (flowId) => (flowId === 'main' ? 5 : 1) });
  await source.start();
  return { ari, sink, logger, source };
}

describe('DialplanVisitSource', () => {
  it('connects and watches every channel, letting only user events and channel ends through', async () => {
    const { ari } = await started();
    expect(ari.state).toBe('connected');
    expect(ari.calls('watchAllChannels').map((r) => r.args[0])).toEqual([['ChannelUserevent', 'ChannelDestroyed']]);
    ari.setState('disconnected');
    ari.setState('connected');
    expect(ari.calls('watchAllChannels')).toHaveLength(2);
  });

  it("turns SWFlowNode into visits with the trace's version, else the fallback version, and the event's time", async () => {
    const { ari, sink } = await started();
    ari.emit(userEvent('c1', 'SWFlowNode', { flow: 'main', node: 'start', version: '3' }));
    ari.emit(userEvent('c1', 'SWFlowNode', { flow: 'main', node: 'menu' }));
    ari.emit(userEvent('c1', 'SWFlowEnd', { flow: 'main', node: 'menu', outcome: 'hangup' }));
    expect(sink.visits).toEqual([
      { flowId: 'main', flowVersion: 3, nodeId: 'start', callId: 'c1', time: '2026-11-26T06:31:30.181Z' },
      { flowId: 'main', flowVersion: 5, nodeId: 'menu', callId: 'c1', time: '2026-11-26T06:31:30.181Z' },
    ]);
  });

  it('gives the keys of SWFlowDigits to the next visit of the same channel only', async () => {
    const { ari, sink } = await started();
    ari.emit(userEvent('c2', 'SWFlowDigits', { flow: 'main', node: 'menu', digits: '2' }));
    ari.emit(userEvent('c3', 'SWFlowNode', { flow: 'main', node: 'other' }));
    ari.emit(userEvent('c2', 'SWFlowNode', { flow: 'main', node: 'support' }));
    ari.emit(userEvent('c2', 'SWFlowNode', { flow: 'main', node: 'after' }));
    expect(sink.visits.map((v) => `${v.callId} ${v.nodeId} ${v.digits ?? '-'}`)).toEqual(['c3 other -', 'c2 support 2', 'c2 after -']);
    ari.emit(userEvent('c4', 'SWFlowDigits', { flow: 'main', node: 'menu', digits: '1002' }));
    ari.emit({ type: 'ChannelDestroyed', channel: fakeChannel('c4') });
    ari.emit(userEvent('c4', 'SWFlowNode', { flow: 'main', node: 'late' }));
    expect(sink.visits.at(-1)).not.toHaveProperty('digits');
  });

  it('logs when it cannot subscribe, and stops reading on stop()', async () => {
    const ari = new FakeAri('stumpfworks-visits');
    const sink = new MemoryVisitSink();
    const logger = new MemoryLogger();
    ari.failNext('watchAllChannels');
    const source = new DialplanVisitSource({ adapter: ari, sink, logger });
    await source.start();
    expect(logger.lines.find((l) => l.level === 'error')?.message).toMatch(/cannot subscribe/);
    await source.stop();
    ari.emit(userEvent('c5', 'SWFlowNode', { flow: 'main', node: 'start' }));
    expect(sink.visits).toEqual([]);
  });
});
