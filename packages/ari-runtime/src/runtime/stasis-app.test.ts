import { parseFlow, type Flow } from '@stumpfworks/flow';
import { resolveOptions } from '@stumpfworks/dialplan';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import musterfirmaDoc from '../../../../examples/musterfirma.flow.json';
import { MemoryLogger } from '../logger.js';
import { FakeAri, fakeChannel } from '../testing/fake-ari.js';
import { StasisApp } from './stasis-app.js';
import { MemoryVisitSink } from './visit-sink.js';

const parsed = parseFlow(musterfirmaDoc);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const musterfirma: Flow = { ...parsed.flow, deployment: 'ari' };
const OPEN = String(Date.parse('2026-06-03T10:00:00+02:00') / 1000);
const CLOSED = String(Date.parse('2026-06-03T19:30:00+02:00') / 1000);

/** Lets the session's promise chain run. */
const flush = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

function setup() {
  const ari = new FakeAri('stumpfworks');
  const sink = new MemoryVisitSink();
  const logger = new MemoryLogger();
  const app = new StasisApp({ adapter: ari, flows: [musterfirma], sink, logger, dialing: resolveOptions(), sweepDelayMs: 0 });
  return { ari, sink, logger, app };
}

async function call(ari: FakeAri, id: string, at = OPEN) {
  ari.vars.set(`${id}/SWF_NOW`, at);
  ari.emit({ type: 'StasisStart', channel: fakeChannel(id), args: ['musterfirma'] });
  await flush();
}

const lastPlayback = (ari: FakeAri) => (ari.calls('play').at(-1)!.args[1] as { playbackId: string }).playbackId;
const traces = (ari: FakeAri, id: string) => ari.calls('userEvent').filter((r) => r.channelId === id).map((r) => `${r.args[0]} ${Object.values(r.args[1] as object).join(' ')}`);

describe('StasisApp with a fake ARI', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('answers, plays the menu, barges in on a key and hands the dial to the dialplan', async () => {
    const { ari, sink } = setup();
    await call(ari, 'c1');
    expect(ari.calls('answer')).toHaveLength(1);
    expect(ari.calls('play').at(-1)!.args[0]).toMatch(/^sound:stumpfworks\/tts\//);
    ari.emit({ type: 'ChannelDtmfReceived', channel: fakeChannel('c1'), digit: '2' });
    await flush();
    expect(ari.calls('stopPlayback').map((r) => r.args[0])).toEqual([lastPlayback(ari)]);
    expect(ari.vars.get('c1/SWF_ARI_DIAL')).toBe('PJSIP/1002');
    expect(ari.calls('continueInDialplan').at(-1)!.args[0]).toEqual({ context: 'stumpfworks-ari-dial', extension: 's', priority: 1 });
    ari.emit({ type: 'StasisStart', channel: fakeChannel('c1'), args: ['resume', ari.vars.get('c1/SWF_ARI_TOKEN')!, 'ANSWER'] });
    await flush();
    expect(traces(ari, 'c1')).toEqual([
      'SWFlowNode musterfirma start',
      'SWFlowNode musterfirma hours',
      'SWFlowNode musterfirma main-menu',
      'SWFlowNode musterfirma support',
      'SWFlowEnd musterfirma support connected',
    ]);
    expect(ari.calls('hangup').map((r) => r.channelId)).toEqual(['c1']);
    expect(sink.visits.at(-1)).toMatchObject({ callId: 'c1', nodeId: 'support', digits: '2', flowVersion: 1 });
  });

  it('waits the menu timeout after the prompt, then prompts again (same visit)', async () => {
    const { ari } = setup();
    await call(ari, 'c2');
    ari.emit({ type: 'PlaybackFinished', playback: { id: lastPlayback(ari), target_uri: 'channel:c2', state: 'done' } });
    await flush();
    expect(ari.calls('play')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5000);
    await flush();
    expect(ari.calls('play')).toHaveLength(2);
    expect(traces(ari, 'c2').filter((t) => t.includes('main-menu'))).toHaveLength(1);
  });

  it('waits the inter-digit timeout for a direct-dial extension, then takes 1 as 1', async () => {
    const { ari } = setup();
    await call(ari, 'c3');
    ari.emit({ type: 'ChannelDtmfReceived', channel: fakeChannel('c3'), digit: '1' });
    await flush();
    expect(ari.calls('continueInDialplan')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(3000);
    await flush();
    expect(ari.vars.get('c3/SWF_ARI_DIAL')).toBe('PJSIP/1001');
    expect(traces(ari, 'c3').at(-1)).toBe('SWFlowNode musterfirma vertrieb');
  });

  it('hands a dial over with the dialled extension\'s recording policy of the flows\' publish; setFlows brings the next publish\'s', async () => {
    const ari = new FakeAri('stumpfworks');
    const recording = { extensions: { '1002': 'always' }, queues: {} } as const;
    const app = new StasisApp({ adapter: ari, flows: [musterfirma], sink: new MemoryVisitSink(), logger: new MemoryLogger(), dialing: resolveOptions(), sweepDelayMs: 0, recording });
    const dialSupport = async (id: string) => {
      await call(ari, id);
      ari.emit({ type: 'ChannelDtmfReceived', channel: fakeChannel(id), digit: '2' });
      await flush();
      return ari.vars.get(`${id}/SWF_ARI_REC`);
    };
    expect(await dialSupport('r1')).toBe('always');
    app.setFlows([musterfirma], undefined, { extensions: { '1002': 'never' }, queues: {} });
    expect(await dialSupport('r2')).toBe('never');
    app.setFlows([musterfirma]);
    expect(await dialSupport('r3')).toBeUndefined();
  });

  it('sends the voicemail end before a final voicemail, and nothing more when the caller hangs up in it', async () => {
    const { ari, app } = setup();
    await call(ari, 'c4', CLOSED);
    ari.emit({ type: 'PlaybackFinished', playback: { id: lastPlayback(ari), target_uri: 'channel:c4', state: 'done' } });
    await flush();
    expect(traces(ari, 'c4').at(-1)).toBe('SWFlowEnd musterfirma voicemail-zentrale voicemail');
    expect(ari.vars.get('c4/SWF_ARI_MAILBOX')).toBe('1000');
    ari.emit({ type: 'ChannelHangupRequest', channel: fakeChannel('c4') });
    await flush();
    expect(traces(ari, 'c4').filter((t) => t.startsWith('SWFlowEnd'))).toHaveLength(1);
    expect(app.outcomes.get('c4')).toMatchObject({ kind: 'voicemail', nodeId: 'voicemail-zentrale' });
    expect(ari.calls('hangup')).toHaveLength(0);
  });

  it('does not hand over a channel whose caller hung up while the hand-over was being prepared', async () => {
    const { ari, app } = setup();
    await call(ari, 'c8');
    const setChannelVar = ari.setChannelVar.bind(ari);
    ari.setChannelVar = async (channelId, name, value) => {
      await setChannelVar(channelId, name, value);
      if (name === 'SWF_ARI_DIAL') ari.emit({ type: 'ChannelHangupRequest', channel: fakeChannel('c8') });
    };
    ari.emit({ type: 'ChannelDtmfReceived', channel: fakeChannel('c8'), digit: '2' });
    await flush();
    expect(ari.calls('continueInDialplan')).toHaveLength(0);
    expect(app.outcomes.get('c8')).toMatchObject({ kind: 'callerHangup', nodeId: 'support' });
    expect(app.activeCalls).toBe(0);
  });

  it('an ARI failure mid-call is logged with the call id and the call goes to the fallback context', async () => {
    const { ari, logger, app } = setup();
    ari.failNext('play');
    await call(ari, 'c5');
    expect(logger.lines.find((l) => l.level === 'error')?.fields).toMatchObject({ callId: 'c5', nodeId: 'main-menu' });
    expect(ari.vars.get('c5/SWF_FALLBACK_REASON')).toBe('error');
    expect(ari.calls('continueInDialplan').at(-1)!.args[0]).toEqual({ context: 'stumpfworks-fallback', extension: 's', priority: 1 });
    expect(app.activeCalls).toBe(0);
  });

  it('a failed dial hand-over takes the node failure output (unavailable -> noAnswer -> voicemail)', async () => {
    const { ari } = setup();
    await call(ari, 'c6');
    ari.failNext('continueInDialplan');
    ari.emit({ type: 'ChannelDtmfReceived', channel: fakeChannel('c6'), digit: '2' });
    await flush();
    expect(traces(ari, 'c6').slice(-2)).toEqual(['SWFlowNode musterfirma voicemail-support', 'SWFlowEnd musterfirma voicemail-support voicemail']);
    expect(ari.calls('continueInDialplan').at(-1)!.args[0]).toMatchObject({ context: 'stumpfworks-ari-voicemail' });
  });

  it('on a lost event socket, calls in Stasis go to the fallback; after reconnect, parked channels are swept', async () => {
    const { ari, app } = setup();
    await call(ari, 'c7');
    ari.setState('disconnected');
    await flush();
    expect(ari.vars.get('c7/SWF_FALLBACK_REASON')).toBe('disconnected');
    // The prompt is stopped first: Asterisk would run `continue` only after it ends.
    const ops = ari.requests.map((r) => r.op);
    expect(ops.lastIndexOf('stopPlayback')).toBeLessThan(ops.indexOf('continueInDialplan'));
    expect(ops.lastIndexOf('stopPlayback')).toBeGreaterThan(-1);
    expect(app.activeCalls).toBe(0);
    ari.channels = [
      fakeChannel('orphan', '1', { context: 'swf-musterfirma', exten: 's', priority: 1, app_name: 'Stasis', app_data: 'stumpfworks,musterfirma' }),
      fakeChannel('other', '2', { context: 'x', exten: 's', priority: 1, app_name: 'Stasis', app_data: 'someone-else' }),
    ];
    ari.setState('connected');
    await vi.advanceTimersByTimeAsync(1);
    await flush();
    expect(ari.calls('continueInDialplan').map((r) => r.channelId)).toEqual(['c7', 'orphan']);
  });

  it('refuses an unknown flow and a stale hand-over return by sending them to the fallback', async () => {
    const { ari } = setup();
    ari.emit({ type: 'StasisStart', channel: fakeChannel('u1'), args: ['nope'] });
    ari.emit({ type: 'StasisStart', channel: fakeChannel('u2'), args: ['resume', '7', 'ANSWER'] });
    await flush();
    expect(ari.vars.get('u1/SWF_FALLBACK_REASON')).toBe('unknown-flow');
    expect(ari.vars.get('u2/SWF_FALLBACK_REASON')).toBe('unknown-call');
  });
});
