import { describe, expect, it } from 'vitest';
import { compileOk, contextNamed, makeFlow, steps } from '../testing.js';
import { HANDOFF_CONTEXTS } from './handoff.js';

const beep = { kind: 'sound', name: 'beep' };

function flow(id: string, number: string, deployment?: 'dialplan' | 'ari', gotoFlow?: string) {
  const f = makeFlow(
    id,
    [
      { id: 'start', type: 'Start', params: { number } },
      gotoFlow ? { id: 'next', type: 'GotoFlow', params: { flow: gotoFlow } } : { id: 'next', type: 'Play', params: { prompt: beep } },
      { id: 'bye', type: 'Hangup' },
    ],
    gotoFlow ? [['start', 'next', 'next']] : [['start', 'next', 'next'], ['next', 'next', 'bye']],
  );
  return deployment ? { ...f, deployment } : f;
}

describe('deployment: ari', () => {
  it('hands an ari flow to the Stasis app and emits none of its node contexts', () => {
    const { ir } = compileOk([flow('main', '100', 'ari')]);
    expect(steps(contextNamed(ir, 'stumpfworks-flows'), '100')).toEqual(['Goto(swf-main,s,1)']);
    expect(steps(contextNamed(ir, 'swf-main'))).toEqual(['Stasis(stumpfworks,main)', 'Goto(stumpfworks-fallback,s,1)']);
    expect(ir.contexts.some((c) => c.name.startsWith('swf-main-'))).toBe(false);
  });

  it('takes the app name from the options', () => {
    const { ir } = compileOk([flow('main', '100', 'ari')], { ariApp: 'pbx-a' });
    expect(steps(contextNamed(ir, 'swf-main'))[0]).toBe('Stasis(pbx-a,main)');
    expect(steps(contextNamed(ir, HANDOFF_CONTEXTS.dial))).toContain('Stasis(pbx-a,resume,${SWF_ARI_TOKEN},${DIALSTATUS},${DIALEDPEERNUMBER})');
  });

  it('mixes both modes: a dialplan flow reaches an ari flow through its flow context', () => {
    const { ir } = compileOk([flow('a', '10', 'ari'), flow('b', '20', 'dialplan', 'a')]);
    expect(steps(contextNamed(ir, 'swf-b-next'))).toContain('Goto(swf-a,s,1)');
    expect(steps(contextNamed(ir, 'swf-b-start'))[0]).toBe('UserEvent(SWFlowNode,flow: b,node: start)');
    expect(steps(contextNamed(ir, 'swf-a'))[0]).toBe('Stasis(stumpfworks,a)');
  });

  it('emits the hand-over contexts only when a flow runs on ARI', () => {
    const names = (flows: ReturnType<typeof flow>[]) => compileOk(flows).ir.contexts.map((c) => c.name);
    expect(names([flow('a', '10')]).filter((n) => n.startsWith('stumpfworks-ari-'))).toEqual([]);
    expect(names([flow('a', '10', 'ari')]).filter((n) => n.startsWith('stumpfworks-ari-'))).toEqual(Object.values(HANDOFF_CONTEXTS));
  });

  it('dials with option g and comes back with DIALSTATUS and who answered, or falls back when the app is gone', () => {
    const { ir } = compileOk([flow('a', '10', 'ari')]);
    expect(steps(contextNamed(ir, HANDOFF_CONTEXTS.dial))).toEqual([
      'Dial(${SWF_ARI_DIAL},${SWF_ARI_RING},g)',
      'Stasis(stumpfworks,resume,${SWF_ARI_TOKEN},${DIALSTATUS},${DIALEDPEERNUMBER})',
      'Goto(stumpfworks-fallback,s,1)',
    ]);
    expect(steps(contextNamed(ir, HANDOFF_CONTEXTS.voicemail), 'h')[1]).toBe(
      'UserEvent(SWFlowEnd,flow: ${SWF_ARI_FLOW},node: ${SWF_ARI_NODE},outcome: ${SWF_ARI_END})',
    );
  });

  it('with recording policies in use, dial and queue hand-overs decide first with the runtime\'s SWF_ARI_REC; a transfer (empty) skips it', () => {
    const { ir } = compileOk([flow('a', '10', 'ari')], { recording: { extensions: {}, queues: {} } });
    expect(steps(contextNamed(ir, HANDOFF_CONTEXTS.dial)).slice(0, 4)).toEqual([
      'Set(SWF_REC_DIAL=)',
      'GotoIf($["${SWF_ARI_REC}" = ""]?dial)',
      'Gosub(stumpfworks-recording,s,1(,${SWF_ARI_REC}))',
      '(dial) Dial(${SWF_ARI_DIAL},${SWF_ARI_RING},g${SWF_REC_DIAL})',
    ]);
    expect(steps(contextNamed(ir, HANDOFF_CONTEXTS.queue)).slice(0, 5)).toEqual([
      'Set(QUEUESTATUS=)',
      'Set(SWF_REC_DIAL=)',
      'GotoIf($["${SWF_ARI_REC}" = ""]?queue)',
      'Gosub(stumpfworks-recording,s,1(,${SWF_ARI_REC}))',
      '(queue) Queue(${SWF_ARI_QUEUE},c${SWF_REC_DIAL},,,${SWF_ARI_WAIT})',
    ]);
  });
});
