import { describe, expect, it } from 'vitest';
import { compileNode } from '../testing.js';

describe('compileCondition', () => {
  it('compares strings, never numbers', () => {
    const { s } = compileNode(
      { id: 'cond', type: 'Condition', params: { subject: 'ACCOUNT', operator: 'equals', value: '0049' } },
      ['true', 'false'],
    );
    expect(s).toEqual([
      'UserEvent(SWFlowNode,flow: f,node: cond)',
      'GotoIf($["x${ACCOUNT}" = "x0049"]?true)',
      'Goto(swf-f-to-false,s,1)',
      '(true) Goto(swf-f-to-true,s,1)',
    ]);
  });

  it('matches the whole caller number against a regex', () => {
    const { s } = compileNode(
      { id: 'cond', type: 'Condition', params: { subject: 'callerId', operator: 'regex', value: '0049.*|0[1-9]+' } },
      ['true', 'false'],
    );
    expect(s[1]).toBe('GotoIf(${REGEX("^(0049.*|0[1-9]+)$" ${CALLERID(num)})}?true)');
  });
});
