import { describe, expect, it } from 'vitest';
import { compileNode, steps } from '../testing.js';

const menu = (params: Record<string, unknown> = {}) => ({
  id: 'menu',
  type: 'Menu',
  params: { prompt: { kind: 'sound', name: 'welcome' }, timeoutSeconds: 4, maxAttempts: 3, ...params },
});

describe('compileMenu', () => {
  it('plays the prompt with Background() and waits with WaitExten()', () => {
    const { s } = compileNode(menu(), ['1', 'timeout', 'invalid']);
    expect(s).toEqual([
      'UserEvent(SWFlowNode,flow: f,node: menu)',
      'CELGenUserEvent(SWFlowNode,f//menu)',
      'Set(SWF_TRIES=1)',
      '(prompt) Background(welcome)',
      'WaitExten(4)',
    ]);
  });

  it('has one extension per connected key, in keypad order, * and # included', () => {
    const { context } = compileNode(menu(), ['#', '2', '*', '1', 'timeout', 'invalid']);
    expect(context.extensions.map((e) => e.name)).toEqual(['s', '1', '2', '*', '#', 'i', 't']);
    // SWFlowDigits gives the keys to the next visit (DialplanVisitSource in @stumpfworks/ari-runtime).
    expect(steps(context, '*')).toEqual(['UserEvent(SWFlowDigits,flow: f,node: menu,digits: ${EXTEN})', 'Goto(swf-f-to-star,s,1)']);
    expect(steps(context, '#')).toEqual(['UserEvent(SWFlowDigits,flow: f,node: menu,digits: ${EXTEN})', 'Goto(swf-f-to-hash,s,1)']);
  });

  it('replays the prompt on a timeout or a wrong key until the attempts are used up', () => {
    const { context } = compileNode(menu(), ['1', 'timeout', 'invalid']);
    expect(steps(context, 't')).toEqual([
      'GotoIf($[${SWF_TRIES} >= 3]?timeout)',
      'Set(SWF_TRIES=$[${SWF_TRIES}+1])',
      'Goto(s,prompt)',
      '(timeout) Goto(swf-f-to-timeout,s,1)',
    ]);
    expect(steps(context, 'i')).toEqual([
      'GotoIf($[${SWF_TRIES} >= 3]?invalid)',
      'Set(SWF_TRIES=$[${SWF_TRIES}+1])',
      'Goto(s,prompt)',
      '(invalid) Goto(swf-f-to-invalid,s,1)',
    ]);
  });

  it('counts timeouts with their own counter when timeouts and wrong keys are counted separately', () => {
    const { context, s } = compileNode(menu({ countRetries: 'separately' }), ['1', 'timeout', 'invalid']);
    expect(s.slice(2, 4)).toEqual(['Set(SWF_TRIES=1)', 'Set(SWF_TIMEOUTS=1)']);
    expect(steps(context, 't').slice(0, 2)).toEqual(['GotoIf($[${SWF_TIMEOUTS} >= 3]?timeout)', 'Set(SWF_TIMEOUTS=$[${SWF_TIMEOUTS}+1])']);
    expect(steps(context, 'i').slice(0, 2)).toEqual(['GotoIf($[${SWF_TRIES} >= 3]?invalid)', 'Set(SWF_TRIES=$[${SWF_TRIES}+1])']);
  });

  it('makes every direct-dial number an extension that sets DIRECT_EXTENSION', () => {
    const { context, s } = compileNode(menu({ directDial: ['1002', '1003', '1002'] }), ['1', 'direct', 'timeout', 'invalid']);
    expect(s).toContain('Set(TIMEOUT(digit)=3)');
    expect(context.extensions.map((e) => e.name)).toEqual(['s', '1', '1002', '1003', 'i', 't']);
    expect(steps(context, '1002')).toEqual(['UserEvent(SWFlowDigits,flow: f,node: menu,digits: ${EXTEN})', 'Set(DIRECT_EXTENSION=${EXTEN})', 'Goto(swf-f-to-direct,s,1)']);
  });

  it('leaves the digit timeout alone without direct dial', () => {
    expect(compileNode(menu(), ['1', 'timeout', 'invalid']).s.join('\n')).not.toContain('TIMEOUT(digit)');
  });
});
