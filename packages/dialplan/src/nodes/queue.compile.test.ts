import { describe, expect, it } from 'vitest';
import { compileNode } from '../testing.js';

describe('compileQueue', () => {
  it('queues with the maximum wait and continues after the agent hangs up', () => {
    const { s } = compileNode({ id: 'q', type: 'Queue', params: { queue: 'support', maxWaitSeconds: 90 } }, ['answered', 'overflow']);
    expect(s).toEqual([
      'UserEvent(SWFlowNode,flow: f,node: q)',
      'CELGenUserEvent(SWFlowNode,f//q)',
      'Set(QUEUESTATUS=)',
      'Queue(support,c,,,90)',
      'GotoIf($["${QUEUESTATUS}" = "CONTINUE"]?answered)',
      '(overflow) Goto(swf-f-to-overflow,s,1)',
      '(answered) Goto(swf-f-to-answered,s,1)',
    ]);
  });

  it('ends as connected when answered is unconnected', () => {
    const { s } = compileNode({ id: 'q', type: 'Queue', params: { queue: 'support' } }, ['overflow']);
    expect(s.slice(6)).toEqual(['(answered) UserEvent(SWFlowEnd,flow: f,node: q,outcome: connected)', 'Hangup()']);
  });

  it('with recording policies in use, weighs the queue\'s policy first and queues with the decision\'s options', () => {
    const recording = { extensions: {}, queues: { support: 'always' } } as const;
    const { s } = compileNode({ id: 'q', type: 'Queue', params: { queue: 'support', maxWaitSeconds: 90 } }, ['overflow'], { recording });
    expect(s.slice(2, 5)).toEqual(['Set(QUEUESTATUS=)', 'Gosub(stumpfworks-recording,s,1(always))', 'Queue(support,c${SWF_REC_DIAL},,,90)']);
    const other = compileNode({ id: 'q', type: 'Queue', params: { queue: 'sales' } }, ['overflow'], { recording });
    expect(other.s[3]).toBe('Gosub(stumpfworks-recording,s,1())');
  });
});
