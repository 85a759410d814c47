/**
 * (f) What DIALSTATUS (and HANGUPCAUSE) Dial() reports when its Local-channel target, parked in
 * the Stasis app, is answered, hung up with a reason, or left ringing. Table: docs/asterisk-notes.md.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import type { HangupReason } from '../support/ari.js';
import { PROBE_FILES } from './probe-config.js';
import { Probe, sleep } from './probe.js';

const availability = await detectAsterisk();

type Action = { answer: true } | { ringOut: true } | { hangup: HangupReason | number | undefined };

const CASES: Array<{ label: string; action: Action; dialstatus: string; cause: string }> = [
  { label: 'answer, then the target hangs up', action: { answer: true }, dialstatus: 'ANSWER', cause: '16' },
  { label: 'ring time (2 s) runs out', action: { ringOut: true }, dialstatus: 'NOANSWER', cause: '0' },
  { label: 'hangup without reason', action: { hangup: undefined }, dialstatus: 'NOANSWER', cause: '16' },
  { label: "reason 'normal'", action: { hangup: 'normal' }, dialstatus: 'NOANSWER', cause: '16' },
  { label: "reason 'busy'", action: { hangup: 'busy' }, dialstatus: 'BUSY', cause: '17' },
  { label: "reason 'congestion'", action: { hangup: 'congestion' }, dialstatus: 'CONGESTION', cause: '34' },
  { label: "reason 'no_answer'", action: { hangup: 'no_answer' }, dialstatus: 'NOANSWER', cause: '19' },
  { label: "reason 'timeout'", action: { hangup: 'timeout' }, dialstatus: 'CHANUNAVAIL', cause: '18' },
  { label: "reason 'rejected'", action: { hangup: 'rejected' }, dialstatus: 'CHANUNAVAIL', cause: '21' },
  { label: "reason 'unallocated'", action: { hangup: 'unallocated' }, dialstatus: 'CHANUNAVAIL', cause: '1' },
  { label: "reason 'failure'", action: { hangup: 'failure' }, dialstatus: 'CHANUNAVAIL', cause: '38' },
  { label: 'reason_code 17', action: { hangup: 17 }, dialstatus: 'BUSY', cause: '17' },
  { label: 'reason_code 19', action: { hangup: 19 }, dialstatus: 'NOANSWER', cause: '19' },
  { label: 'reason_code 20 (subscriber absent)', action: { hangup: 20 }, dialstatus: 'CHANUNAVAIL', cause: '20' },
  { label: 'reason_code 34', action: { hangup: 34 }, dialstatus: 'CONGESTION', cause: '34' },
];

describeWithAsterisk(availability, 'Dial() outcomes through a Stasis-held target', (asterisk) => {
  let probe: Probe;
  let target = 1000;
  beforeAll(async () => {
    probe = await Probe.start(asterisk, [PROBE_FILES.dialplan]);
  });
  afterAll(async () => {
    await probe?.stop();
  });

  it.each(CASES)('$label -> DIALSTATUS=$dialstatus, HANGUPCAUSE=$cause', async ({ action, dialstatus, cause }) => {
    const number = String(target++);
    const call = await probe.call('swf-probe-dial', { variables: { TARGET: number, RING: 'ringOut' in action ? '2' : '20' } });
    // The dialed target: ;2 of Local/<number>@swf-probe-target, ringing, in Stasis(swf-probe,target,<number>).
    const ringing = await probe.ari.waitFor('StasisStart', (e) => e.args[0] === 'target' && e.args[1] === number, {
      since: call.mark,
    });
    expect(ringing.channel.state).toBe('Ring');
    const targetId = ringing.channel.id;
    if ('answer' in action) {
      await probe.ari.answer(targetId);
      await sleep(300);
      await probe.ari.hangup(targetId);
    } else if ('hangup' in action) {
      await probe.ari.hangup(targetId, action.hangup);
    }
    expect(await probe.step(call, 'dial')).toEqual({ eventname: 'SWProbe', step: 'dial', dialstatus, cause });
    await probe.end(call);
  });

  it("ARI's Dial event does not carry DIALSTATUS: 'rejected' shows NOANSWER there", async () => {
    const number = String(target++);
    const call = await probe.call('swf-probe-dial', { variables: { TARGET: number, RING: '20' } });
    const ringing = await probe.ari.waitFor('StasisStart', (e) => e.args[0] === 'target' && e.args[1] === number, {
      since: call.mark,
    });
    await probe.ari.hangup(ringing.channel.id, 'rejected');
    expect(await probe.step(call, 'dial')).toMatchObject({ dialstatus: 'CHANUNAVAIL' });
    const dial = await probe.ari.waitFor('Dial', (e) => e.caller?.id === call.two && e.dialstatus !== '', {
      since: call.mark,
    });
    expect(dial.dialstatus).toBe('NOANSWER');
    await probe.end(call);
  });
});
