import { afterAll, beforeAll, expect, it } from 'vitest';
import { AriClientAdapter, MemoryLogger, MemoryVisitSink, startRuntime, type Runtime } from '../../packages/ari-runtime/src/index.js';
import { AriClient } from '../support/ari.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { sleep, TestCall } from './call.js';
import { CALLER_APP, dialString, loadExample, loadFlows, RUNTIME_APP, TARGET_APP, transferDialString } from './setup.js';

const OPEN = new Date('2026-06-03T10:00:00+02:00');
const availability = await detectAsterisk();

describeWithAsterisk(availability, 'ARI runtime: outages never leave a call hanging', (asterisk) => {
  const flows = [loadExample('musterfirma')];
  const logger = new MemoryLogger();
  let ari: AriClient;
  let runtime: Runtime | undefined;
  const start = () =>
    startRuntime({
      ari: { url: asterisk.ariUrl, user: asterisk.ariUser, password: asterisk.ariPassword },
      app: RUNTIME_APP,
      flows,
      sink: new MemoryVisitSink(),
      logger,
      dialString,
      transferDialString,
      traceApplications: [RUNTIME_APP, CALLER_APP],
    });

  beforeAll(async () => {
    await loadFlows(asterisk, flows);
    ari = await AriClient.connect(`${CALLER_APP},${TARGET_APP}`, asterisk);
  });

  afterAll(async () => {
    await runtime?.stop();
    await ari?.close();
  });

  it('sends a call to the fallback context when the app is not connected', async () => {
    const call = await TestCall.place(ari, 'noapp', '100', OPEN);
    const fallback = await call.trace('SWFlowFallback');
    expect(fallback.userevent['reason']).toBe('');
    await call.destroyed();
  });

  it('continues calls in the fallback context when the event socket drops, then reconnects', async () => {
    runtime = await start();
    const adapter = runtime.adapter as AriClientAdapter;
    const call = await TestCall.place(ari, 'drop', '100', OPEN);
    await call.trace('SWFlowNode', 'main-menu');
    // The menu prompt (13.8 s) is playing: Asterisk would run `continue` only after it, so the
    // runtime stops it first. The fallback must come at once.
    const dropped = Date.now();
    adapter.simulateNetworkDrop();
    const fallback = await call.trace('SWFlowFallback').catch((error: Error) => {
      throw new Error(`${error.message}\nruntime log: ${JSON.stringify(logger.lines.slice(-8))}`);
    });
    expect(fallback.userevent['reason']).toBe('disconnected');
    expect(Date.now() - dropped).toBeLessThan(3000);
    await call.destroyed();
    expect(logger.lines.some((l) => l.message.startsWith('ARI event socket lost'))).toBe(true);

    // ari-client reconnects (backoff from 100 ms); the next call runs normally.
    for (let i = 0; i < 50 && adapter.state !== 'connected'; i++) await sleep(100);
    expect(adapter.state).toBe('connected');
    const next = await TestCall.place(ari, 'after', '100', OPEN);
    await next.trace('SWFlowNode', 'main-menu');
    const mark = ari.mark();
    await next.dtmf('2');
    const target = await ari.waitFor('StasisStart', (e) => e.application === TARGET_APP && e.args[0] === '1002', { since: mark });
    await ari.hangup(target.channel.id, 'busy');
    await next.trace('SWFlowEnd');
    await next.hangup();
    await next.destroyed();
  });

  it('a call that comes back from a hand-over after an outage goes to the fallback', async () => {
    const adapter = runtime!.adapter as AriClientAdapter;
    const call = await TestCall.place(ari, 'handoff', '100', OPEN);
    await call.trace('SWFlowNode', 'main-menu');
    const mark = ari.mark();
    await call.dtmf('2');
    const target = await ari.waitFor('StasisStart', (e) => e.application === TARGET_APP && e.args[0] === '1002', { since: mark });
    // The call is in Dial() (the dialplan), not in Stasis, when the socket drops.
    adapter.simulateNetworkDrop();
    for (let i = 0; i < 50 && adapter.state === 'connected'; i++) await sleep(20);
    for (let i = 0; i < 50 && adapter.state !== 'connected'; i++) await sleep(100);
    await ari.hangup(target.channel.id, 'busy');
    const fallback = await call.trace('SWFlowFallback');
    expect(fallback.userevent['reason']).toBe('unknown-call');
    await call.destroyed();
  });
});
