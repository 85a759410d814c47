import { describe, expect, it } from 'vitest';
import { compileNode } from '../testing.js';

describe('compileQueue', () => {
  it('queues with the maximum wait and continues after the agent hangs up', () => {
    const { s } = compileNode({ id: 'q', type: 'Queue', params: { queue: 'support', maxWaitSeconds: 90 } }, ['answered', 'overflow']);
    expect(s).toEqual([
      'UserEvent(SWFlowNode,flow: f,node: q)',
      'Set(QUEUESTATUS=)',
      'Queue(support,c,,,90)',
      'GotoIf($["${QUEUESTATUS}" = "CONTINUE"]?answered)',
      '(overflow) Goto(swf-f-to-overflow,s,1)',
      '(answered) Goto(swf-f-to-answered,s,1)',
    ]);
  });

  it('ends as connected when answered is unconnected', () => {
    const { s } = compileNode({ id: 'q', type: 'Queue', params: { queue: 'support' } }, ['overflow']);
    expect(s.slice(5)).toEqual(['(answered) UserEvent(SWFlowEnd,flow: f,node: q,outcome: connected)', 'Hangup()']);
  });
});
