import { describe, expect, it } from 'vitest';
import { compileNode, steps } from '../testing.js';

describe('compileConference', () => {
  it('without a PIN and as the last node: reports the end, joins, hangs up', () => {
    const { s } = compileNode({ id: 'conf', type: 'Conference', params: { room: '4242' } }, []);
    expect(s).toEqual([
      'UserEvent(SWFlowNode,flow: f,node: conf)',
      'CELGenUserEvent(SWFlowNode,f//conf)',
      'UserEvent(SWFlowEnd,flow: f,node: conf,outcome: conference)',
      'ConfBridge(4242)',
      'Hangup()',
    ]);
  });

  it('with a PIN: reads it as a string, retries, then wrongPin', () => {
    const { s } = compileNode({ id: 'conf', type: 'Conference', params: { room: '4242', pin: '1234', maxAttempts: 2 } }, ['wrongPin']);
    expect(s).toEqual([
      'UserEvent(SWFlowNode,flow: f,node: conf)',
      'CELGenUserEvent(SWFlowNode,f//conf)',
      'Set(SWF_TRIES=1)',
      '(prompt) Read(SWF_PIN,conf-getpin,12,,1,5)',
      'GotoIf($["x${SWF_PIN}" = "x1234"]?join)',
      'GotoIf($[${SWF_TRIES} >= 2]?wrongPin)',
      'Set(SWF_TRIES=$[${SWF_TRIES}+1])',
      'Goto(prompt)',
      '(join) UserEvent(SWFlowEnd,flow: f,node: conf,outcome: conference)',
      'ConfBridge(4242)',
      'Hangup()',
      '(wrongPin) Goto(swf-f-to-wrongpin,s,1)',
    ]);
  });

  it('with next connected: a hang-up inside ConfBridge() (not at the PIN prompt) ends as conference', () => {
    const { s, context } = compileNode({ id: 'conf', type: 'Conference', params: { room: '4242', pin: '007' } }, ['next']);
    expect(s).toEqual([
      'UserEvent(SWFlowNode,flow: f,node: conf)',
      'CELGenUserEvent(SWFlowNode,f//conf)',
      'Set(SWF_IN_CONF=)',
      'Set(SWF_TRIES=1)',
      '(prompt) Read(SWF_PIN,conf-getpin,12,,1,5)',
      'GotoIf($["x${SWF_PIN}" = "x007"]?join)',
      'GotoIf($[${SWF_TRIES} >= 3]?wrongPin)',
      'Set(SWF_TRIES=$[${SWF_TRIES}+1])',
      'Goto(prompt)',
      '(join) Set(SWF_IN_CONF=1)',
      'ConfBridge(4242)',
      'Set(SWF_IN_CONF=)',
      'Goto(swf-f-to-next,s,1)',
      '(wrongPin) UserEvent(SWFlowEnd,flow: f,node: conf,outcome: hangup)',
      'Hangup()',
    ]);
    expect(steps(context, 'h')).toEqual([
      'GotoIf($["${SWF_IN_CONF}" != "1"]?done)',
      'UserEvent(SWFlowEnd,flow: f,node: conf,outcome: conference)',
      '(done) NoOp()',
    ]);
  });
});
