import { describe, expect, it } from 'vitest';
import { compileFlows, GENERATED_HEADER } from './compile.js';
import { compileOk, contextNamed, makeFlow, steps } from './testing.js';

const beep = { kind: 'sound', name: 'beep' };

function simpleFlow(id: string, number = '', extra: { goto?: string } = {}) {
  return makeFlow(
    id,
    [
      { id: 'start', type: 'Start', params: { number } },
      extra.goto ? { id: 'next', type: 'GotoFlow', params: { flow: extra.goto } } : { id: 'next', type: 'Play', params: { prompt: beep } },
      { id: 'bye', type: 'Hangup' },
    ],
    extra.goto ? [['start', 'next', 'next']] : [['start', 'next', 'next'], ['next', 'next', 'bye']],
    `Flow ${id}`,
  );
}

describe('compileFlows', () => {
  it('routes each flow number to the flow, and the flow to its Start node', () => {
    const { ir, text } = compileOk([simpleFlow('main', '0301234'), simpleFlow('sub')]);
    const entry = contextNamed(ir, 'stumpfworks-flows');
    expect(entry.extensions.map((e) => [e.name, steps(entry, e.name)])).toEqual([['0301234', ['Goto(swf-main,s,1)']]]);
    expect(steps(contextNamed(ir, 'swf-main'))).toEqual(['Goto(swf-main-start,s,1)']);
    expect(text.startsWith(`; ${GENERATED_HEADER}\n`)).toBe(true);
  });

  it('starts every node context with the visit trace', () => {
    const { ir } = compileOk([simpleFlow('main')]);
    for (const node of ['start', 'next', 'bye']) {
      expect(steps(contextNamed(ir, `swf-main-${node}`))[0]).toBe(`UserEvent(SWFlowNode,flow: main,node: ${node})`);
    }
  });

  it('gives the same text whatever the order of the flows', () => {
    const a = simpleFlow('a', '10');
    const b = simpleFlow('b', '20', { goto: 'a' });
    expect(compileOk([a, b]).text).toBe(compileOk([b, a]).text);
    expect(compileOk([a, b]).ir.contexts.map((c) => c.name).slice(0, 3)).toEqual(['stumpfworks-flows', 'swf-a', 'swf-a-start']);
  });

  it('uses the entry context option', () => {
    const { ir } = compileOk([simpleFlow('main', '100')], { entryContext: 'from-trunk' });
    expect(ir.contexts[0]!.name).toBe('from-trunk');
  });

  it('refuses flows with validation errors, and writes no text', () => {
    const broken = makeFlow('broken', [{ id: 'start', type: 'Start' }, { id: 'play', type: 'Play', params: { prompt: beep } }], [
      ['start', 'next', 'play'],
    ]);
    const result = compileFlows([simpleFlow('ok'), broken]);
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('text');
    if (result.ok) return;
    expect(result.diagnostics).toEqual([
      { flowId: 'broken', diagnostics: [expect.objectContaining({ code: 'unconnected-output', nodeId: 'play', output: 'next' })] },
    ]);
  });

  it('ignores warnings (an unreachable node compiles)', () => {
    const flow = makeFlow('w', [{ id: 'start', type: 'Start' }, { id: 'bye', type: 'Hangup' }, { id: 'lost', type: 'Hangup' }], [
      ['start', 'next', 'bye'],
    ]);
    expect(compileFlows([flow]).ok).toBe(true);
  });

  it('refuses a GotoFlow to a flow outside the set', () => {
    const result = compileFlows([simpleFlow('main', '', { goto: 'elsewhere' })]);
    expect(result.ok ? [] : result.diagnostics).toEqual([
      { flowId: 'main', diagnostics: [expect.objectContaining({ code: 'unknown-flow', nodeId: 'next' })] },
    ]);
  });

  it('checks resources given in the options', () => {
    const flow = makeFlow(
      'main',
      [{ id: 'start', type: 'Start' }, { id: 'q', type: 'Queue', params: { queue: 'sales' } }, { id: 'bye', type: 'Hangup' }],
      [['start', 'next', 'q'], ['q', 'overflow', 'bye']],
    );
    const result = compileFlows([flow], { resources: { queues: ['support'] } });
    expect(result.ok ? [] : result.diagnostics[0]!.diagnostics.map((d) => d.code)).toEqual(['unknown-queue']);
  });

  it('refuses two flows with the same number', () => {
    const result = compileFlows([simpleFlow('a', '100'), simpleFlow('b', '100')]);
    expect(result.ok ? [] : result.diagnostics).toEqual([
      { flowId: 'b', diagnostics: [expect.objectContaining({ code: 'duplicate-number', nodeId: 'start' })] },
    ]);
  });

  it('refuses flows whose contexts would have the same name', () => {
    // flow "a" node "b-start" and flow "a-b" node "start" are both swf-a-b-start
    const a = makeFlow('a', [{ id: 'start', type: 'Start' }, { id: 'b-start', type: 'Hangup' }], [['start', 'next', 'b-start']]);
    const result = compileFlows([a, simpleFlow('a-b')]);
    expect(result.ok ? [] : result.diagnostics).toEqual([
      { flowId: 'a-b', diagnostics: [expect.objectContaining({ code: 'context-clash', nodeId: 'start' })] },
    ]);
    const twice = compileFlows([simpleFlow('same'), simpleFlow('same')]);
    expect(twice.ok ? [] : twice.diagnostics[0]!.diagnostics.map((d) => d.code)).toContain('context-clash');
  });

  it('refuses a node whose context has the name of a time condition\'s closed days', () => {
    // node "t-closed" and the closed days of time condition "t" are both swf-a-t-closed
    const a = makeFlow(
      'a',
      [
        { id: 'start', type: 'Start' },
        { id: 't', type: 'TimeCondition', params: { closedDates: ['2026-12-24'] } },
        { id: 't-closed', type: 'Hangup' },
      ],
      [['start', 'next', 't'], ['t', 'open', 't-closed'], ['t', 'closed', 't-closed']],
    );
    const result = compileFlows([a]);
    expect(result.ok ? [] : result.diagnostics[0]!.diagnostics.map((d) => [d.code, d.nodeId, d.message.en])).toEqual([
      ['context-clash', 't-closed', 'node "t-closed" of flow "a" gets the same dialplan name "swf-a-t-closed" as node "t" of flow "a" (closed days). Rename one of them.'],
    ]);
  });

  it('compiles an empty set to an empty entry context', () => {
    expect(compileOk([]).text).toBe(`; ${GENERATED_HEADER}\n\n; one extension per flow number\n[stumpfworks-flows]\n`);
  });
});
