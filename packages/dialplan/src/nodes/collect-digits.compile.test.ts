import { describe, expect, it } from 'vitest';
import { compileNode } from '../testing.js';

const collect = (params: Record<string, unknown> = {}) => ({
  id: 'ask',
  type: 'CollectDigits',
  params: { prompt: { kind: 'sound', name: 'enter-account' }, variable: 'ACCOUNT', minDigits: 4, maxDigits: 8, ...params },
});

describe('compileCollectDigits', () => {
  it('reads into a scratch variable, checks the length and retries', () => {
    const { s } = compileNode(collect({ timeoutSeconds: 7, maxAttempts: 2 }), ['next', 'invalid']);
    expect(s).toEqual([
      'UserEvent(SWFlowNode,flow: f,node: ask)',
      'CELGenUserEvent(SWFlowNode,f//ask)',
      'Set(SWF_TRIES=1)',
      '(prompt) Read(SWF_DIGITS,enter-account,8,,1,7)',
      'GotoIf($[${LEN(${SWF_DIGITS})} >= 4]?ok)',
      'GotoIf($[${SWF_TRIES} >= 2]?invalid)',
      'Set(SWF_TRIES=$[${SWF_TRIES}+1])',
      'Goto(prompt)',
      '(ok) Set(ACCOUNT=${SWF_DIGITS})',
      'Goto(swf-f-to-next,s,1)',
      '(invalid) Goto(swf-f-to-invalid,s,1)',
    ]);
  });

  it('passes a * terminator with Read() option t(*)', () => {
    const { s } = compileNode(collect({ terminator: '*' }), ['next', 'invalid']);
    expect(s[3]).toBe('(prompt) Read(SWF_DIGITS,enter-account,8,t(*),1,5)');
  });

  it('checks a pattern as a Condition does: the entry by name only, filtered, then REGEX()', () => {
    const { s } = compileNode(collect({ minDigits: 5, maxDigits: 5, pattern: '7\\d{4}' }), ['next', 'invalid']);
    expect(s[4]).toBe(
      'GotoIf($[${LEN(${SWF_DIGITS})} >= 5 & ${LEN(${FILTER(A-Za-z0-9\\x20\\x2b\\x2d\\x2a\\x23\\x2e\\x5f\\x40\\x3a,${REPLACE(SWF_DIGITS,(),!)})})} = ${LEN(${REPLACE(SWF_DIGITS,(),!)})} & ${LEN(${REPLACE(SWF_DIGITS,(),!)})} <= 1000 & ${REGEX("^(7[0-9]{4})$" ${FILTER(A-Za-z0-9\\x20\\x2b\\x2d\\x2a\\x23\\x2e\\x5f\\x40\\x3a,${REPLACE(SWF_DIGITS,(),!)})})}]?ok)',
    );
  });
});
