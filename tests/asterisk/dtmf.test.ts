/**
 * (c) DTMF sent over ARI to the ;1 leg reaches Background()/WaitExten() and Read() on the ;2 leg.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
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

  /** Calls `context`, waits for its `ready` step, sends `digits` after `delayMs`; returns the call and the send time. */
  async function callAndSend(context: string, digits: string, delayMs = 300): Promise<{ call: ProbeCall; sentAt: number }> {
    const call = await probe.call(context);
    await probe.step(call, 'ready');
    await sleep(delayMs);
    const sentAt = Date.now();
    if (digits) await probe.ari.sendDtmf(call.one, digits);
    return { call, sentAt };
  }

  it('interrupts Background() and takes the digit branch', async () => {
    const { call, sentAt } = await callAndSend('swf-probe-menu', '2');
    expect(await probe.step(call, 'branch')).toMatchObject({ branch: '2' });
    // demo-thanks lasts 5.5 s and had more than 5 s left: the branch came before the prompt ended
    // (a digit that did not interrupt it would be taken by WaitExten() only afterwards).
    expect(Date.now() - sentAt).toBeLessThan(4500);
    await probe.end(call);
  });

  it('takes i (INVALID_EXTEN set) for a digit without an extension', async () => {
    const { call } = await callAndSend('swf-probe-menu', '9');
    expect(await probe.step(call, 'branch')).toMatchObject({ branch: 'i', invalid: '9' });
    await probe.end(call);
  });

  it('takes t after the prompt plus WaitExten(3) without a digit', async () => {
    const { call, sentAt } = await callAndSend('swf-probe-menu', '', 0);
    expect(await probe.step(call, 'branch', { timeoutMs: 15_000 })).toMatchObject({ branch: 't' });
    expect(Date.now() - sentAt).toBeGreaterThan(8000);
    await probe.end(call);
  });

  it('ends Read() at the # terminator (the entry excludes it, READSTATUS=OK)', async () => {
    // OK, not TIMEOUT (Read()'s 3 s): the # ended the entry.
    const { call } = await callAndSend('swf-probe-read', '12#', 0);
    expect(await probe.step(call, 'read')).toMatchObject({ entry: '12', status: 'OK' });
    await probe.end(call);
  });

  it('ends Read() at maxdigits (6) without a terminator', async () => {
    const { call } = await callAndSend('swf-probe-read', '1234567', 0);
    expect(await probe.step(call, 'read')).toMatchObject({ entry: '123456', status: 'OK' });
    await probe.end(call);
  });

  it('gives an empty entry with READSTATUS=OK for a lone #', async () => {
    const { call } = await callAndSend('swf-probe-read', '#', 0);
    expect(await probe.step(call, 'read')).toMatchObject({ entry: '', status: 'OK' });
    await probe.end(call);
  });

  it('reports READSTATUS=TIMEOUT for a partial entry that times out, but keeps the digits', async () => {
    const { call } = await callAndSend('swf-probe-read', '56', 0);
    expect(await probe.step(call, 'read', { timeoutMs: 8000 })).toMatchObject({ entry: '56', status: 'TIMEOUT' });
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

  it('holds DTMF for a Stasis channel back while an ARI playback runs on it', async () => {
    const call = await probe.call('swf-probe-menu');
    await probe.step(call, 'ready');
    await probe.ari.play(call.one, 'sound:demo-thanks');
    const sentAt = Date.now();
    await probe.ari.sendDtmf(call.one, '1');
    expect(await probe.step(call, 'branch', { timeoutMs: 15_000 })).toMatchObject({ branch: '1' });
    // The digit left only when the 5.5 s playback on ;1 had finished.
    expect(Date.now() - sentAt).toBeGreaterThan(5000);
    await probe.end(call);
  });
});
