import { afterAll, beforeAll, expect, it } from 'vitest';
import { MemoryLogger, MemoryVisitSink, type Runtime } from '../../packages/ari-runtime/src/index.js';
import type { AriClient } from '../support/ari.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { asteriskTime, sleep, soundMs, TestCall } from './call.js';
import { connectTestClient, loadExample, loadFlows, OPEN, startTestRuntime } from './setup.js';

const availability = await detectAsterisk();

describeWithAsterisk(availability, 'ARI runtime: musterfirma in ari mode', (asterisk) => {
  const flows = [loadExample('musterfirma')];
  const sink = new MemoryVisitSink();
  const logger = new MemoryLogger();
  let ari: AriClient;
  let runtime: Runtime;

  beforeAll(async () => {
    await loadFlows(asterisk, flows);
    ari = await connectTestClient(asterisk);
    runtime = await startTestRuntime(asterisk, flows, { sink, logger });
  });

  afterAll(async () => {
    await runtime?.stop();
    await ari?.close();
  });

  it('runs the menu: 2 dials Support (1002); answered, the call ends connected', async () => {
    const call = await TestCall.place(ari, 'support', '100', OPEN);
    await call.trace('SWFlowNode', 'main-menu');
    await call.pressAndAnswer('2', '1002', 400);
    const end = await call.trace('SWFlowEnd');
    expect(end.userevent).toMatchObject({ flow: 'musterfirma', node: 'support', outcome: 'connected' });
    await call.destroyed();
    expect(call.visits()).toEqual(['musterfirma/start', 'musterfirma/hours', 'musterfirma/main-menu', 'musterfirma/support']);
    const visits = sink.visits.filter((v) => v.callId === call.flowLeg);
    expect(visits.map((v) => v.nodeId)).toEqual(['start', 'hours', 'main-menu', 'support']);
    expect(visits[3]).toMatchObject({ flowId: 'musterfirma', flowVersion: 1, digits: '2' });
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('barges in: a key during the menu prompt stops it and dials at once', async () => {
    const call = await TestCall.place(ari, 'barge', '100', OPEN);
    const node = await call.trace('SWFlowNode', 'main-menu');
    const prompt = await call.playing(ari.received.indexOf(node));
    await sleep(1000);
    const target = await call.press('2', '1002');
    // What played, by Asterisk's clock: the key cut the menu prompt short (a prompt played to its
    // end lasts at least its file), and the dial leg was created before the prompt would have ended.
    const promptMs = soundMs(asterisk.asteriskRoot!, prompt.media, prompt.language);
    expect(promptMs).toBeGreaterThan(10_000);
    await ari.waitFor('PlaybackFinished', (e) => e.playback.id === prompt.id, { since: call.since });
    expect(call.playbacks().find((p) => p.id === prompt.id)!.playedMs!).toBeLessThan(promptMs - 1000);
    expect(asteriskTime(target.channel.creationtime) - prompt.startedAt).toBeLessThan(promptMs - 1000);
    await ari.hangup(target.channel.id, 'busy');
    // busy is unconnected: it falls back to noAnswer -> voicemail-support (final): the end comes first.
    const end = await call.trace('SWFlowEnd');
    expect(end.userevent).toMatchObject({ node: 'voicemail-support', outcome: 'voicemail' });
    await call.hangup();
    await call.destroyed();
    expect(call.visits().slice(-2)).toEqual(['musterfirma/support', 'musterfirma/voicemail-support']);
  });
});
