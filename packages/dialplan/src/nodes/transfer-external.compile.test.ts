import { describe, expect, it } from 'vitest';
import { compileNode } from '../testing.js';

describe('compileTransferExternal', () => {
  it('dials through the default outbound route; anything but ANSWER is failed', () => {
    const { s } = compileNode({ id: 'xfer', type: 'TransferExternal', params: { number: '+4930123', ringSeconds: 25 } }, [
      'answered',
      'failed',
    ]);
    expect(s).toEqual([
      'UserEvent(SWFlowNode,flow: f,node: xfer)',
      'CELGenUserEvent(SWFlowNode,f//xfer)',
      'Dial(Local/+4930123@stumpfworks-outbound,25,g)',
      'GotoIf($["${DIALSTATUS}" = "ANSWER"]?answered)',
      '(failed) Goto(swf-f-to-failed,s,1)',
      '(answered) Goto(swf-f-to-answered,s,1)',
    ]);
  });

  it('names the route and ends as connected or hangup when the outputs are unconnected', () => {
    const { s } = compileNode({ id: 'xfer', type: 'TransferExternal', params: { number: '0800123', route: 'mobile' } }, []);
    expect(s).toEqual([
      'UserEvent(SWFlowNode,flow: f,node: xfer)',
      'CELGenUserEvent(SWFlowNode,f//xfer)',
      'Dial(Local/0800123@stumpfworks-outbound-mobile,30,g)',
      'GotoIf($["${DIALSTATUS}" = "ANSWER"]?answered)',
      '(failed) UserEvent(SWFlowEnd,flow: f,node: xfer,outcome: hangup)',
      'Hangup()',
      '(answered) UserEvent(SWFlowEnd,flow: f,node: xfer,outcome: connected)',
      'Hangup()',
    ]);
  });

  it('uses the transfer dial string option', () => {
    const { s } = compileNode({ id: 'xfer', type: 'TransferExternal', params: { number: '0800123', route: 'r1' } }, [], {
      transferDialString: (number, route) => `PJSIP/${number}@${route}`,
    });
    expect(s[2]).toBe('Dial(PJSIP/0800123@r1,30,g)');
  });
});
