import { describe, expect, it } from 'vitest';
import { resolveOptions } from '@stumpfworks/dialplan';
import { answeringTarget, handoffFor, resumeEvent } from './handoff.js';

const dialing = resolveOptions();

describe('handoffFor', () => {
  it('dials simultaneous targets in one Dial string, with the compiler default dial strings', () => {
    expect(handoffFor({ type: 'dial', targets: ['1001', '1002'], ringSeconds: 20 }, dialing)).toEqual({
      kind: 'dial',
      context: 'stumpfworks-ari-dial',
      vars: { SWF_ARI_DIAL: 'PJSIP/1001&PJSIP/1002', SWF_ARI_RING: '20' },
    });
    expect(handoffFor({ type: 'transfer', number: '0170', route: '', ringSeconds: 30 }, dialing).vars.SWF_ARI_DIAL).toBe('Local/0170@stumpfworks-outbound');
  });

  it('passes queue, voicemail, conference and record parameters', () => {
    expect(handoffFor({ type: 'queue', queue: 'support', maxWaitSeconds: 60 }, dialing).vars).toEqual({ SWF_ARI_QUEUE: 'support', SWF_ARI_WAIT: '60' });
    expect(handoffFor({ type: 'voicemail', mailbox: '1000', greeting: 'busy' }, dialing).vars).toEqual({ SWF_ARI_MAILBOX: '1000', SWF_ARI_GREETING: 'b' });
    expect(handoffFor({ type: 'voicemail', mailbox: '1000', greeting: 'none', skipInstructions: true }, dialing).vars.SWF_ARI_GREETING).toBe('s');
    expect(handoffFor({ type: 'conference', room: '8000' }, dialing).context).toBe('stumpfworks-ari-conference');
    expect(handoffFor({ type: 'record', action: 'stop' }, dialing).vars).toEqual({ SWF_ARI_RECORD: 'stop' });
  });

  it('with recording policies, names the dialled side\'s policy as the compiled nodes weigh it (none: no say; a transfer: empty)', () => {
    const recording = { extensions: { '1001': 'onDemand', '1002': 'never' }, queues: { support: 'always' } } as const;
    const rec = (effect: Parameters<typeof handoffFor>[0]) => handoffFor(effect, dialing, recording).vars.SWF_ARI_REC;
    expect(rec({ type: 'dial', targets: ['1001', '1002'], ringSeconds: 20 })).toBe('never');
    expect(rec({ type: 'dial', targets: ['1001', '1003'], ringSeconds: 20 })).toBe('onDemand');
    expect(rec({ type: 'dial', targets: ['1003'], ringSeconds: 20 })).toBe('none');
    expect(rec({ type: 'transfer', number: '0170', route: '', ringSeconds: 30 })).toBe('');
    expect(rec({ type: 'queue', queue: 'support', maxWaitSeconds: 60 })).toBe('always');
    expect(rec({ type: 'queue', queue: 'sales', maxWaitSeconds: 60 })).toBe('none');
    // Without policies in use, nothing is set: the hand-over contexts have no decision then.
    expect(handoffFor({ type: 'dial', targets: ['1001'], ringSeconds: 20 }, dialing).vars).not.toHaveProperty('SWF_ARI_REC');
  });
});

describe('resumeEvent', () => {
  it('maps DIALSTATUS and QUEUESTATUS as the compiled nodes do', () => {
    expect(['ANSWER', 'BUSY', 'CHANUNAVAIL', 'CONGESTION', 'NOANSWER', 'CANCEL'].map((s) => resumeEvent('dial', s))).toEqual([
      { type: 'dialResult', result: 'answer' },
      { type: 'dialResult', result: 'busy' },
      { type: 'dialResult', result: 'unavailable' },
      { type: 'dialResult', result: 'unavailable' },
      { type: 'dialResult', result: 'noanswer' },
      { type: 'dialResult', result: 'noanswer' },
    ]);
    expect(resumeEvent('queue', 'CONTINUE')).toEqual({ type: 'queueResult', result: 'answer' });
    expect(resumeEvent('queue', 'TIMEOUT')).toEqual({ type: 'queueResult', result: 'overflow' });
    expect(resumeEvent('voicemail', 'SUCCESS')).toEqual({ type: 'done' });
    expect(resumeEvent('record', 'STARTED')).toBeUndefined();
  });

  it('names the target that answered a dial, from the DIALEDPEERNUMBER the hand-over gives back', () => {
    const local = { dialString: (t: string) => `Local/${t}@targets` };
    expect(answeringTarget(['1001', '1002'], '1002@targets', local)).toBe('1002');
    expect(answeringTarget(['1001', '1002'], '1002', { dialString: (t: string) => `PJSIP/${t}` })).toBe('1002');
    expect(answeringTarget(['1001'], '', local)).toBeUndefined();
    expect(answeringTarget(['1001'], '9999@targets', local)).toBeUndefined();
    expect(resumeEvent('dial', 'ANSWER', '1002')).toEqual({ type: 'dialResult', result: 'answer', answeredBy: '1002' });
  });
});
