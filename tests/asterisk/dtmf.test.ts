/**
 * (c) DTMF sent over ARI to the ;1 leg reaches Background()/WaitExten() and Read() on the ;2 leg.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AriEventMap, ChannelUsereventEvent } from '../support/ari.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { PROBE_FILES } from './probe-config.js';
import { Probe, sleep, type ProbeCall } from './probe.js';

const availability = await detectAsterisk();

describeWithAsterisk(availability, 'DTMF from ARI into the dialplan', (asterisk) => {
  let probe: Probe;
  beforeAll(async () => {
    probe = await Probe.start(asterisk, [PROBE_FILES.dialplan]);
  });
  afterAll(async () => {
    await probe?.stop();
  });

  // Each case has its own call (its events read from its mark, by its channels), so they run at
  // the same time; only the one that times a digit against Answer()'s media wait runs on its own.

  /** Calls `context`, waits for its `ready` step, sends `digits` after `delayMs`. */
  async function callAndSend(context: string, digits: string, delayMs = 300): Promise<{ call: ProbeCall }> {
    const call = await probe.call(context);
    await probe.step(call, 'ready');
    await sleep(delayMs);
    if (digits) await probe.ari.sendDtmf(call.one, digits);
    return { call };
  }

  /** The call's `SWProbe` steps so far, in the order Asterisk sent them. */
  const stepsOf = (call: ProbeCall) => probeSteps(call).map((e) => e.userevent.step);
  const probeSteps = (call: ProbeCall) =>
    probe.ari.received
      .slice(call.mark)
      .filter((e): e is ChannelUsereventEvent => e.type === 'ChannelUserevent')
      .filter((e) => e.eventname === 'SWProbe' && e.channel?.id === call.two);

  it.concurrent('interrupts Background() and takes the digit branch', async ({ expect }) => {
    const { call } = await callAndSend('swf-probe-menu', '2');
    expect(await probe.step(call, 'branch')).toMatchObject({ branch: '2' });
    // The digit ended Background() itself: the priority after it (prompt-done) never ran. A digit
    // that did not interrupt it would be taken by WaitExten() only after that priority.
    expect(stepsOf(call)).toEqual(['ready', 'branch']);
    await probe.end(call);
  });

  it.concurrent('takes i (INVALID_EXTEN set) for a digit without an extension', async ({ expect }) => {
    const { call } = await callAndSend('swf-probe-menu', '9');
    expect(await probe.step(call, 'branch')).toMatchObject({ branch: 'i', invalid: '9' });
    await probe.end(call);
  });

  it.concurrent('takes t after the prompt plus WaitExten(3) without a digit', async ({ expect }) => {
    const { call } = await callAndSend('swf-probe-menu', '', 0);
    expect(await probe.step(call, 'branch', { timeoutMs: 15_000 })).toMatchObject({ branch: 't' });
    // The whole prompt played, then WaitExten() ran out.
    expect(stepsOf(call)).toEqual(['ready', 'prompt-done', 'branch']);
    await probe.end(call);
  });

  it.concurrent('ends Read() at the # terminator (the entry excludes it, READSTATUS=OK)', async ({ expect }) => {
    // OK, not TIMEOUT (Read()'s 3 s): the # ended the entry.
    const { call } = await callAndSend('swf-probe-read', '12#', 0);
    expect(await probe.step(call, 'read')).toMatchObject({ entry: '12', status: 'OK' });
    await probe.end(call);
  });

  it.concurrent('ends Read() at maxdigits (6) without a terminator', async ({ expect }) => {
    const { call } = await callAndSend('swf-probe-read', '1234567', 0);
    expect(await probe.step(call, 'read')).toMatchObject({ entry: '123456', status: 'OK' });
    await probe.end(call);
  });

  it.concurrent('gives an empty entry with READSTATUS=OK for a lone #', async ({ expect }) => {
    const { call } = await callAndSend('swf-probe-read', '#', 0);
    expect(await probe.step(call, 'read')).toMatchObject({ entry: '', status: 'OK' });
    await probe.end(call);
  });

  it.concurrent('reports READSTATUS=TIMEOUT for a partial entry that times out, but keeps the digits', async ({ expect }) => {
    const { call } = await callAndSend('swf-probe-read', '56', 0);
    expect(await probe.step(call, 'read', { timeoutMs: 8000 })).toMatchObject({ entry: '56', status: 'TIMEOUT' });
    await probe.end(call);
  });

  it.concurrent('holds DTMF for a Stasis channel back while an ARI playback runs on it', async ({ expect }) => {
    const call = await probe.call('swf-probe-menu');
    await probe.step(call, 'ready');
    await probe.ari.play(call.one, 'sound:demo-thanks');
    await probe.ari.sendDtmf(call.one, '1');
    expect(await probe.step(call, 'branch', { timeoutMs: 15_000 })).toMatchObject({ branch: '1' });
    // The digit left only when the playback on ;1 had finished: Asterisk said so first.
    const events = probe.ari.received.slice(call.mark);
    const finished = events.findIndex((e) => e.type === 'PlaybackFinished' && (e as AriEventMap['PlaybackFinished']).playback.target_uri === `channel:${call.one}`);
    const branch = events.indexOf(probeSteps(call).find((e) => e.userevent.step === 'branch')!);
    expect(finished).toBeGreaterThanOrEqual(0);
    expect(finished).toBeLessThan(branch);
    await probe.end(call);
  });

  it('loses a digit sent while ;2 is still in Answer() (its media wait), but not with Answer(,i)', async () => {
    // Sent right at StasisStart of ;1, i.e. while ;2 waits up to 500 ms for media in Answer():
    // the DTMF begin ends that wait and is queued again, and Read() then ignores the digit.
    const waiting = await probe.call('swf-probe-read');
    await probe.started(waiting);
    await probe.ari.sendDtmf(waiting.one, '#');
    expect(await probe.step(waiting, 'read', { timeoutMs: 8000 })).toMatchObject({ entry: '', status: 'TIMEOUT' });
    await probe.end(waiting);

    const immediate = await probe.call('swf-probe-read-immediate');
    await probe.started(immediate);
    await probe.ari.sendDtmf(immediate.one, '#');
    // OK, not TIMEOUT: Read() got the #.
    expect(await probe.step(immediate, 'read')).toMatchObject({ entry: '', status: 'OK' });
    await probe.end(immediate);
  });
});
