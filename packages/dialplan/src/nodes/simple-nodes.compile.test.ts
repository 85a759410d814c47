import { describe, expect, it } from 'vitest';
import { compileFlows } from '../compile.js';
import { compileNode, compileOk, contextNamed, makeFlow, steps } from '../testing.js';

const visit = (node: string) => [`UserEvent(SWFlowNode,flow: f,node: ${node})`, `CELGenUserEvent(SWFlowNode,f//${node})`];
const beep = { kind: 'sound', name: 'beep' };

describe('simple nodes', () => {
  it('Start answers, sets the language when the call begins here, and goes on', () => {
    const flow = makeFlow(
      'f',
      [
        { id: 'start', type: 'Start', params: { language: 'en' } },
        { id: 'bye', type: 'Hangup' },
      ],
      [['start', 'next', 'bye']],
    );
    const { ir } = compileOk([flow]);
    expect(steps(contextNamed(ir, 'swf-f-start'))).toEqual([
      ...visit('start'),
      'Answer()',
      'GotoIf($["${SWF_STARTED}" = "1"]?next)',
      'Set(CHANNEL(language)=en)',
      'Set(SWF_STARTED=1)',
      '(next) Goto(swf-f-bye,s,1)',
    ]);
  });

  it('Play plays the prompt file (not interruptible)', () => {
    const { s } = compileNode({ id: 'hello', type: 'Play', params: { prompt: { kind: 'upload', id: 'welcome' } } }, ['next']);
    expect(s).toEqual([...visit('hello'), 'Playback(stumpfworks/prompts/welcome)', 'Goto(swf-f-to-next,s,1)']);
  });

  it('Play of a TTS prompt uses the hashed file name', () => {
    const { s } = compileNode({ id: 'tts', type: 'Play', params: { prompt: { kind: 'tts', text: { de: 'Hallo' } } } }, ['next']);
    expect(s[2]).toMatch(/^Playback\(stumpfworks\/tts\/[0-9a-f]{16}\)$/);
  });

  it('SetVariable keeps ${NAME} references for Asterisk to expand', () => {
    const { s } = compileNode({ id: 'set', type: 'SetVariable', params: { name: 'GREETING', value: 'Kunde ${ACCOUNT}' } }, ['next']);
    expect(s).toEqual([...visit('set'), 'Set(GREETING=Kunde ${ACCOUNT})', 'Goto(swf-f-to-next,s,1)']);
  });

  it('Record starts and stops MixMonitor', () => {
    expect(compileNode({ id: 'rec', type: 'Record' }, ['next']).s).toEqual([
      ...visit('rec'),
      'MixMonitor(${UNIQUEID}.wav)',
      'Goto(swf-f-to-next,s,1)',
    ]);
    expect(compileNode({ id: 'rec', type: 'Record', params: { action: 'stop' } }, ['next']).s[2]).toBe('StopMixMonitor()');
  });

  it('Language sets the channel language', () => {
    const { s } = compileNode({ id: 'lang', type: 'Language', params: { language: 'en' } }, ['next']);
    expect(s).toEqual([...visit('lang'), 'Set(CHANNEL(language)=en)', 'Goto(swf-f-to-next,s,1)']);
  });

  it('Hangup reports the end, then hangs up', () => {
    const { s } = compileNode({ id: 'bye', type: 'Hangup' }, []);
    expect(s).toEqual([...visit('bye'), 'UserEvent(SWFlowEnd,flow: f,node: bye,outcome: hangup)', 'Hangup()']);
  });

  it('GotoFlow jumps to the other flow\'s own context', () => {
    const sub = makeFlow('sub', [{ id: 'start', type: 'Start' }, { id: 'play', type: 'Play', params: { prompt: beep } }, { id: 'bye', type: 'Hangup' }], [
      ['start', 'next', 'play'],
      ['play', 'next', 'bye'],
    ]);
    const main = makeFlow('main', [{ id: 'start', type: 'Start' }, { id: 'go', type: 'GotoFlow', params: { flow: 'sub' } }], [['start', 'next', 'go']]);
    const { ir } = compileOk([main, sub]);
    expect(steps(contextNamed(ir, 'swf-main-go'))).toEqual(['UserEvent(SWFlowNode,flow: main,node: go)', 'CELGenUserEvent(SWFlowNode,main//go)', 'Goto(swf-sub,s,1)']);
    expect(steps(contextNamed(ir, 'swf-sub'))).toEqual(['Goto(swf-sub-start,s,1)']);
  });

  it('CallFlow calls the other flow\'s own context with Gosub and goes on at next; Return returns only from a call', () => {
    const sub = makeFlow('sub', [{ id: 'start', type: 'Start' }, { id: 'back', type: 'Return' }], [['start', 'next', 'back']]);
    const main = makeFlow(
      'main',
      [{ id: 'start', type: 'Start' }, { id: 'call', type: 'CallFlow', params: { flow: 'sub' } }, { id: 'bye', type: 'Hangup' }],
      [['start', 'next', 'call'], ['call', 'next', 'bye']],
    );
    const { ir } = compileOk([main, sub]);
    expect(steps(contextNamed(ir, 'swf-main-call'))).toEqual([
      'UserEvent(SWFlowNode,flow: main,node: call)',
      'CELGenUserEvent(SWFlowNode,main//call)',
      'Gosub(swf-sub,s,1(swf-sub))',
      'Goto(swf-main-bye,s,1)',
    ]);
    expect(steps(contextNamed(ir, 'swf-sub-back'))).toEqual([
      'UserEvent(SWFlowNode,flow: sub,node: back)',
      'CELGenUserEvent(SWFlowNode,sub//back)',
      'GotoIf($["${ARG1}" = "swf-sub"]?return)',
      'UserEvent(SWFlowEnd,flow: sub,node: back,outcome: hangup)',
      'Hangup()',
      '(return) Return()',
    ]);
  });

  it('refuses a set whose sub-flow calls recurse', () => {
    const loop = makeFlow('loop', [{ id: 'start', type: 'Start' }, { id: 'call', type: 'CallFlow', params: { flow: 'loop' } }, { id: 'bye', type: 'Hangup' }], [
      ['start', 'next', 'call'],
      ['call', 'next', 'bye'],
    ]);
    const result = compileFlows([loop]);
    expect(result.ok ? [] : result.diagnostics.flatMap((f) => f.diagnostics.map((d) => `${f.flowId}:${d.code}:${d.nodeId}`))).toEqual(['loop:call-flow-recursion:call']);
  });

  it('ties each node context to its node with a comment', () => {
    const { context } = compileNode({ id: 'hello', type: 'Play', label: 'Begrüßung\nzwei Zeilen', params: { prompt: beep } }, ['next']);
    expect(context.comments).toEqual(['node hello (Play) "Begrüßung\nzwei Zeilen"']);
  });
});
