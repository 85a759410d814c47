import { describe, expect, it } from 'vitest';
import { applyLive, formatDuration, INITIAL_LIVE, type LiveCall } from './live-state.js';
import { SseParser } from './sse.js';

const call = (id: string, startedAt: number): LiveCall => ({ id, channel: id, channelName: `PJSIP/x-${id}`, caller: { number: '1', name: '' }, other: { number: '2', name: '' }, state: 'up', startedAt, channels: 2 });

describe('applyLive', () => {
  it('takes a snapshot whole, then adds, changes and ends calls in start order', () => {
    let state = applyLive(INITIAL_LIVE, { event: 'snapshot', data: { now: 10_500, connected: true, calls: [call('b', 20)], endpoints: { extensions: [{ id: '1001', state: 'online' }], trunks: [] } }, receivedAt: 10_000 });
    expect(state).toMatchObject({ open: true, asterisk: true, skewMs: 500 });
    state = applyLive(state, { event: 'call', data: call('a', 10) });
    state = applyLive(state, { event: 'call', data: { ...call('b', 20), state: 'hold' } });
    expect(state.calls.map((c) => [c.id, c.state])).toEqual([['a', 'up'], ['b', 'hold']]);
    state = applyLive(state, { event: 'call-end', data: { id: 'a' } });
    expect(state.calls.map((c) => c.id)).toEqual(['b']);
    state = applyLive(state, { event: 'lost' });
    expect(state).toMatchObject({ open: false, calls: [{ id: 'b' }] });
  });
});

describe('formatDuration', () => {
  it.each([[0, '0:00'], [59_999, '0:59'], [61_000, '1:01'], [3_723_000, '1:02:03'], [-5, '0:00']])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('SseParser', () => {
  it('splits events across chunks and skips comments and retry lines', () => {
    const parser = new SseParser();
    expect(parser.push('retry: 2000\n\n: heartbeat\n\nevent: call\ndata: {"a"')).toEqual([]);
    expect(parser.push(':1}\n\nevent: call-end\r\ndata: {"id":"x"}\r\n\r\n')).toEqual([
      { event: 'call', data: '{"a":1}' },
      { event: 'call-end', data: '{"id":"x"}' },
    ]);
  });
});
