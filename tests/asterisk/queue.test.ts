/**
 * (g) QUEUESTATUS after Queue(<name>,<options>,,,<maxwait>) with a Local-channel member that the
 * Stasis app holds (ringing, answered or refused), and with empty or unknown queues.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { channelOf } from '../support/ari.js';
import { logOffset, problemLines, readLogSince } from '../support/local-asterisk.js';
import { PROBE_FILES } from './probe-config.js';
import { Probe, sleep, type ProbeCall } from './probe.js';

const availability = await detectAsterisk();

describeWithAsterisk(availability, 'Queue() outcomes', (asterisk) => {
  let probe: Probe;
  beforeAll(async () => {
    probe = await Probe.start(asterisk, [PROBE_FILES.dialplan, PROBE_FILES.queues]);
  });
  afterAll(async () => {
    await probe?.stop();
  });

  const enqueue = (queue: string, maxWait: number, options = ''): Promise<ProbeCall> =>
    probe.call('swf-probe-queue', { variables: { QNAME: queue, QOPTS: options, QWAIT: String(maxWait) } });
  const agentLeg = (call: ProbeCall) =>
    probe.ari.waitFor('StasisStart', (e) => e.args[0] === 'agent', { since: call.mark });

  it('TIMEOUT when the ringing member does not answer within maxwait (5 s)', async () => {
    const started = Date.now();
    const call = await enqueue('swf-probe-agents', 5);
    const agent = await agentLeg(call);
    expect(agent.channel.name).toMatch(/^Local\/agent@swf-probe-target-[0-9a-f]{8};2$/);
    expect(await probe.step(call, 'queue', { timeoutMs: 15_000 })).toMatchObject({ queuestatus: 'TIMEOUT' });
    // Not before maxwait: app_queue counts it from the whole second the caller joined (time(NULL)),
    // so the wait is between 4 and 5 s, after up to 0.5 s in Answer().
    expect(Date.now() - started).toBeGreaterThan(4000);
    await probe.end(call);
  });

  it('TIMEOUT also when the member refuses (busy): the queue keeps retrying until maxwait', async () => {
    const call = await enqueue('swf-probe-agents', 4);
    await probe.ari.hangup((await agentLeg(call)).channel.id, 'busy');
    expect(await probe.step(call, 'queue', { timeoutMs: 15_000 })).toMatchObject({ queuestatus: 'TIMEOUT' });
    await probe.end(call);
  });

  it("CONTINUE after an answered call when the member hangs up, with option 'c'", async () => {
    const call = await enqueue('swf-probe-agents', 20, 'c');
    const agent = await agentLeg(call);
    await probe.ari.answer(agent.channel.id);
    await sleep(500);
    await probe.ari.hangup(agent.channel.id);
    expect(await probe.step(call, 'queue')).toMatchObject({ queuestatus: 'CONTINUE' });
    await probe.end(call);
  });

  it("hangs the caller up after an answered call without option 'c' (the dialplan does not continue)", async () => {
    const call = await enqueue('swf-probe-agents', 20);
    const agent = await agentLeg(call);
    await probe.ari.answer(agent.channel.id);
    await sleep(500);
    await probe.ari.hangup(agent.channel.id);
    await probe.ended(call);
    const stepped = probe.ari.received
      .slice(call.mark)
      .some((e) => e.type === 'ChannelUserevent' && channelOf(e)?.id === call.two);
    expect(stepped).toBe(false);
  });

  it('TIMEOUT for a queue without members when joinempty=yes', async () => {
    const call = await enqueue('swf-probe-empty', 2);
    expect(await probe.step(call, 'queue')).toMatchObject({ queuestatus: 'TIMEOUT' });
    await probe.end(call);
  });

  it('JOINEMPTY at once for a queue without members when joinempty=no (logs a WARNING)', async () => {
    const offset = logOffset(asterisk.messagesLog ?? '');
    const call = await enqueue('swf-probe-empty-strict', 20);
    expect(await probe.step(call, 'queue', { timeoutMs: 3000 })).toMatchObject({ queuestatus: 'JOINEMPTY' });
    if (asterisk.messagesLog) {
      // The logger thread writes asynchronously: poll.
      await expect
        .poll(() => problemLines(readLogSince(asterisk.messagesLog!, offset)).join('\n'))
        .toMatch(/WARNING.*app_queue\.c: Unable to join queue 'swf-probe-empty-strict'/);
    }
    await probe.end(call);
  });

  it('UNKNOWN for a queue that does not exist', async () => {
    const call = await enqueue('swf-probe-no-such-queue', 20);
    expect(await probe.step(call, 'queue', { timeoutMs: 3000 })).toMatchObject({ queuestatus: 'UNKNOWN' });
    await probe.end(call);
  });
});
