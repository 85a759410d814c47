import { resolveOptions } from '@stumpfworks/dialplan';
import { testFlow, type Flow } from '@stumpfworks/flow';
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../logger.js';
import { FakeAri, fakeChannel } from '../testing/fake-ari.js';
import type { HttpClient, HttpOutcome, HttpRequestEffect } from './http-client.js';
import { StasisApp } from './stasis-app.js';
import { MemoryVisitSink } from './visit-sink.js';

const flush = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

const lookupFlow = (id = 'lookup', vipTarget = '1001'): Flow => ({
  ...testFlow(
    [
      { id: 'start', type: 'Start' },
      {
        id: 'crm',
        type: 'HttpRequest',
        params: { url: 'http://127.0.0.1:9/c?phone=${CALLERID}', timeoutSeconds: 2, responseMapping: [{ variable: 'TIER', path: 'tier' }] },
      },
      { id: 'is-vip', type: 'Condition', params: { subject: 'TIER', operator: 'equals', value: 'vip' } },
      { id: 'vip', type: 'Dial', params: { targets: [vipTarget] } },
      { id: 'down', type: 'Hangup' },
      { id: 'slow', type: 'Hangup' },
      { id: 'normal', type: 'Hangup' },
    ],
    ['start.next->crm', 'crm.success->is-vip', 'crm.failure->down', 'crm.timeout->slow', 'is-vip.true->vip', 'is-vip.false->normal', 'vip.noAnswer->normal'],
    id,
  ),
  deployment: 'ari',
});

/** An HTTP client the test answers by hand. */
function manualHttp() {
  const requests: Array<{ request: HttpRequestEffect; signal: AbortSignal; answer: (o: HttpOutcome) => void }> = [];
  const http: HttpClient = (request, signal) => new Promise((answer) => requests.push({ request, signal, answer }));
  return { http, requests };
}

function setup(flows: Flow[] = [lookupFlow()]) {
  const ari = new FakeAri('stumpfworks');
  const sink = new MemoryVisitSink();
  const logger = new MemoryLogger();
  const { http, requests } = manualHttp();
  const app = new StasisApp({ adapter: ari, flows, sink, logger, http, dialing: resolveOptions(), sweepDelayMs: 0 });
  return { ari, sink, logger, app, requests };
}

async function call(ari: FakeAri, id: string, flowId = 'lookup') {
  ari.emit({ type: 'StasisStart', channel: fakeChannel(id, '+4989123'), args: [flowId] });
  await flush();
}

describe('the HTTP request node in the ARI runtime', () => {
  it('makes the request, sets the mapped variables on the channel and follows success', async () => {
    const { ari, sink, requests } = setup();
    await call(ari, 'h1');
    expect(requests.map((r) => r.request)).toEqual([
      { type: 'httpRequest', method: 'GET', url: 'http://127.0.0.1:9/c?phone=%2B4989123', timeoutSeconds: 2 },
    ]);
    requests[0]!.answer({ kind: 'response', status: 200, body: '{"tier":"vip"}' });
    await flush();
    expect(ari.vars.get('h1/TIER')).toBe('vip');
    expect(sink.pathOf('h1')).toEqual(['lookup/start', 'lookup/crm', 'lookup/is-vip', 'lookup/vip']);
    expect(ari.vars.get('h1/SWF_ARI_DIAL')).toBe('PJSIP/1001');
  });

  it.each([
    ['a 503', { kind: 'response', status: 503, body: '' }, 'lookup/down', 'HTTP 503'],
    ['a refused connection', { kind: 'failure', error: 'fetch failed: connect ECONNREFUSED' }, 'lookup/down', 'failure'],
    ['a timeout', { kind: 'timeout' }, 'lookup/slow', 'timeout'],
  ] as const)('%s takes its output and is logged with the call id', async (_label, outcome, node, result) => {
    const { ari, sink, logger, requests, app } = setup();
    await call(ari, 'h2');
    requests[0]!.answer(outcome);
    await flush();
    expect(sink.pathOf('h2').at(-1)).toBe(node);
    expect(logger.lines.find((l) => l.message === 'HTTP request did not succeed')?.fields).toMatchObject({ callId: 'h2', nodeId: 'crm', result });
    expect(app.outcomes.get('h2')).toMatchObject({ kind: 'hangup', nodeId: node.split('/')[1] });
    expect(ari.calls('hangup').map((r) => r.channelId)).toEqual(['h2']);
  });

  it('a caller hanging up during the request cancels it and ends the call at once', async () => {
    const { ari, requests, app, logger } = setup();
    await call(ari, 'h3');
    ari.emit({ type: 'ChannelHangupRequest', channel: fakeChannel('h3') });
    await flush();
    expect(requests[0]!.signal.aborted).toBe(true);
    expect(app.outcomes.get('h3')).toMatchObject({ kind: 'callerHangup', nodeId: 'crm' });
    requests[0]!.answer({ kind: 'failure', error: 'aborted' });
    await flush();
    expect(logger.lines.filter((l) => l.level !== 'info')).toEqual([]);
    expect(app.activeCalls).toBe(0);
  });
});

describe('setFlows', () => {
  it('new calls run the new flows and versions; a call in progress keeps the flow it started with', async () => {
    const { ari, sink, app, requests } = setup([lookupFlow('lookup', '1001')]);
    await call(ari, 'old');
    app.setFlows([lookupFlow('lookup', '1002')], () => 2);
    await call(ari, 'new');
    for (const r of requests) r.answer({ kind: 'response', status: 200, body: '{"tier":"vip"}' });
    await flush();
    expect(ari.vars.get('old/SWF_ARI_DIAL')).toBe('PJSIP/1001');
    expect(ari.vars.get('new/SWF_ARI_DIAL')).toBe('PJSIP/1002');
    expect(new Set(sink.visits.filter((v) => v.callId === 'old').map((v) => v.flowVersion))).toEqual(new Set([1]));
    expect(new Set(sink.visits.filter((v) => v.callId === 'new').map((v) => v.flowVersion))).toEqual(new Set([2]));
  });

  it('a flow removed by a publish is unknown to new calls; a duplicate id is refused and the old flows stay', async () => {
    const { ari, app } = setup();
    expect(() => app.setFlows([lookupFlow(), lookupFlow()])).toThrow('flow "lookup" is in the library twice');
    await call(ari, 'still');
    expect(ari.vars.get('still/SWF_FALLBACK_REASON')).toBeUndefined();
    app.setFlows([lookupFlow('other')]);
    await call(ari, 'gone');
    expect(ari.vars.get('gone/SWF_FALLBACK_REASON')).toBe('unknown-flow');
  });
});
