import { describe, expect, it } from 'vitest';
import { compileNode, steps } from '../testing.js';

describe('compileVoicemail', () => {
  it('as the last node: reports the end before VoiceMail(), then hangs up', () => {
    const { s, context } = compileNode({ id: 'vm', type: 'Voicemail', params: { mailbox: '100' } }, []);
    expect(s).toEqual([
      'UserEvent(SWFlowNode,flow: f,node: vm)',
      'CELGenUserEvent(SWFlowNode,f//vm)',
      'UserEvent(SWFlowEnd,flow: f,node: vm,outcome: voicemail)',
      'VoiceMail(100@default,u)',
      'Hangup()',
    ]);
    expect(context.extensions.map((e) => e.name)).toEqual(['s']);
  });

  it('with next connected: goes on after VoiceMail(); a hang-up inside it ends as voicemail', () => {
    const { s, context } = compileNode({ id: 'vm', type: 'Voicemail', params: { mailbox: '100', greeting: 'busy' } }, ['next']);
    expect(s).toEqual(['UserEvent(SWFlowNode,flow: f,node: vm)', 'CELGenUserEvent(SWFlowNode,f//vm)', 'VoiceMail(100@default,b)', 'Goto(swf-f-to-next,s,1)']);
    expect(steps(context, 'h')).toEqual(['UserEvent(SWFlowEnd,flow: f,node: vm,outcome: voicemail)']);
  });

  it('without a greeting leaves out u/b (a temporary greeting still plays), and s skips the instructions', () => {
    const none = compileNode({ id: 'vm', type: 'Voicemail', params: { mailbox: '100', greeting: 'none' } }, ['next']);
    expect(none.s[2]).toBe('VoiceMail(100@default,)');
    const quiet = compileNode({ id: 'vm', type: 'Voicemail', params: { mailbox: '100', greeting: 'busy', instructions: 'skip' } }, ['next']);
    expect(quiet.s[2]).toBe('VoiceMail(100@default,bs)');
  });
});

describe('compileConsent', () => {
  it('plays the notice, then marks the call with the policy (inherited) and goes on', () => {
    const { s } = compileNode({ id: 'c', type: 'Consent', params: { prompt: { kind: 'upload', id: 'hinweis' } } }, ['next']);
    expect(s).toEqual(['UserEvent(SWFlowNode,flow: f,node: c)', 'CELGenUserEvent(SWFlowNode,f//c)', 'Playback(stumpfworks/prompts/hinweis)', 'Set(__SWF_REC_ALWAYS=1)', 'Goto(swf-f-to-next,s,1)']);
    const onDemand = compileNode({ id: 'c', type: 'Consent', params: { prompt: { kind: 'upload', id: 'hinweis' }, recording: 'onDemand' } }, ['next']);
    expect(onDemand.s[3]).toBe('Set(__SWF_REC_ONDEMAND=1)');
  });
});
