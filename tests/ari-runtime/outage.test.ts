import { afterAll, beforeAll, expect, it } from 'vitest';
import { MemoryLogger, type AriAdapter, type AriClientAdapter, type Runtime } from '../../packages/ari-runtime/src/index.js';
import type { AriClient } from '../support/ari.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { asteriskTime, soundMs, TestCall } from './call.js';
import { connectTestClient, loadExample, loadFlows, OPEN, startTestRuntime } from './setup.js';

const availability = await detectAsterisk();

/** Resolves once the adapter has reported the socket lost and then connected again. Call it before the drop. */
function reconnection(adapter: AriAdapter): Promise<void> {
  return new Promise((resolve) => {
    let dropped = false;
    const off = adapter.onConnection((state) => {
      if (state === 'disconnected') dropped = true;
      else if (dropped) {
        off();
        resolve();
      }
    });
  });
}

describeWithAsterisk(availability, 'ARI runtime: outages never leave a call hanging', (asterisk) => {
  const flows = [loadExample('musterfirma')];
  const logger = new MemoryLogger();
  let ari: AriClient;
  let runtime: Runtime | undefined;

  beforeAll(async () => {
    await loadFlows(asterisk, flows);
    ari = await connectTestClient(asterisk);
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
    runtime = await startTestRuntime(asterisk, flows, { logger });
    const adapter = runtime.adapter as AriClientAdapter;
    const call = await TestCall.place(ari, 'drop', '100', OPEN);
    const node = await call.trace('SWFlowNode', 'main-menu');
    // The menu prompt (13.8 s) is playing: Asterisk would run `continue` only after it, so the
    // runtime stops it first. The fallback must come at once.
    const prompt = await call.playing(ari.received.indexOf(node));
    const reconnected = reconnection(adapter);
    adapter.simulateNetworkDrop();
    const fallback = await call.trace('SWFlowFallback').catch((error: Error) => {
      throw new Error(`${error.message}\nruntime log: ${JSON.stringify(logger.lines.slice(-8))}`);
    });
    expect(fallback.userevent['reason']).toBe('disconnected');
    // By Asterisk's clock: the prompt was cut short, and the fallback came before it would have ended.
    const promptMs = soundMs(asterisk.asteriskRoot!, prompt.media, prompt.language);
    expect(promptMs).toBeGreaterThan(10_000);
    await ari.waitFor('PlaybackFinished', (e) => e.playback.id === prompt.id, { since: call.since });
    expect(call.playbacks().find((p) => p.id === prompt.id)!.playedMs!).toBeLessThan(promptMs - 1000);
    expect(asteriskTime(fallback.timestamp) - prompt.startedAt).toBeLessThan(promptMs - 1000);
    await call.destroyed();
    expect(logger.lines.some((l) => l.message.startsWith('ARI event socket lost'))).toBe(true);

    // ari-client reconnects (backoff from 100 ms); the next call runs normally.
    await reconnected;
    expect(adapter.state).toBe('connected');
    const next = await TestCall.place(ari, 'after', '100', OPEN);
    await next.trace('SWFlowNode', 'main-menu');
    const target = await next.press('2', '1002');
    await ari.hangup(target.channel.id, 'busy');
    await next.trace('SWFlowEnd');
    await next.hangup();
    await next.destroyed();
  });

  it('a call that comes back from a hand-over after an outage goes to the fallback', async () => {
    const adapter = runtime!.adapter as AriClientAdapter;
    const call = await TestCall.place(ari, 'handoff', '100', OPEN);
    await call.trace('SWFlowNode', 'main-menu');
    const target = await call.press('2', '1002');
    // The call is in Dial() (the dialplan), not in Stasis, when the socket drops.
    const reconnected = reconnection(adapter);
    adapter.simulateNetworkDrop();
    await reconnected;
    await ari.hangup(target.channel.id, 'busy');
    const fallback = await call.trace('SWFlowFallback');
    expect(fallback.userevent['reason']).toBe('unknown-call');
    await call.destroyed();
  });
});
