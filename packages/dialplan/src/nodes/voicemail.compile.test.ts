import { describe, expect, it } from 'vitest';
import { compileNode, steps } from '../testing.js';

describe('compileVoicemail', () => {
  it('as the last node: reports the end before VoiceMail(), then hangs up', () => {
    const { s, context } = compileNode({ id: 'vm', type: 'Voicemail', params: { mailbox: '100' } }, []);
    expect(s).toEqual([
      'UserEvent(SWFlowNode,flow: f,node: vm)',
      'UserEvent(SWFlowEnd,flow: f,node: vm,outcome: voicemail)',
      'VoiceMail(100@default,u)',
      'Hangup()',
    ]);
    expect(context.extensions.map((e) => e.name)).toEqual(['s']);
  });

  it('with next connected: goes on after VoiceMail(); a hang-up inside it ends as voicemail', () => {
    const { s, context } = compileNode({ id: 'vm', type: 'Voicemail', params: { mailbox: '100', greeting: 'busy' } }, ['next']);
    expect(s).toEqual(['UserEvent(SWFlowNode,flow: f,node: vm)', 'VoiceMail(100@default,b)', 'Goto(swf-f-to-next,s,1)']);
    expect(steps(context, 'h')).toEqual(['UserEvent(SWFlowEnd,flow: f,node: vm,outcome: voicemail)']);
  });
});
