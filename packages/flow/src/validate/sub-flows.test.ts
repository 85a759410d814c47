import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow.schema.js';
import { MAX_CALL_DEPTH } from '../nodes/call-flow.node.js';
import { testFlow } from '../test-flows.js';
import { validateFlow } from './index.js';

/** A flow that calls `calls` (CallFlow), then jumps to `jumps` (GotoFlow), or hangs up. */
function flow(id: string, calls?: string, jumps?: string, deployment?: 'ari'): Flow {
  const nodes = [
    { id: 's', type: 'Start' },
    ...(calls ? [{ id: 'c', type: 'CallFlow', params: { flow: calls } }] : []),
    jumps ? { id: 'g', type: 'GotoFlow', params: { flow: jumps } } : { id: 'r', type: 'Return' },
  ];
  const last = jumps ? 'g' : 'r';
  const built = testFlow(nodes, calls ? ['s.next->c', `c.next->${last}`] : [`s.next->${last}`], id);
  return deployment ? { ...built, deployment } : built;
}

const codes = (target: Flow, flows: Flow[]) =>
  validateFlow(target, {}, flows).map((d) => `${d.severity}:${d.code}:${d.nodeId ?? ''}`);

describe('sub-flow calls (CallFlow)', () => {
  it('accepts a flow calling a sub-flow that returns, and a sub-flow that jumps on', () => {
    const flows = [flow('main', 'pin'), flow('pin', undefined, 'done'), flow('done')];
    expect(codes(flows[0]!, flows)).toEqual([]);
  });

  it('refuses a flow that calls itself, in German and English', () => {
    const main = flow('main', 'main');
    const [diagnostic] = validateFlow(main, {}, [main]);
    expect(diagnostic).toMatchObject({ code: 'call-flow-recursion', severity: 'error', nodeId: 'c' });
    expect(diagnostic!.message.de).toContain('(main → main)');
    expect(diagnostic!.message.en).toBe('The sub-flow calls a flow that is already calling it (main → main): the call would never come back. Call another flow here.');
  });

  it('refuses recursion through other flows and through a GotoFlow on the way', () => {
    const through = [flow('a', 'b'), flow('b', 'c'), flow('c', 'a')];
    expect(codes(through[0]!, through)).toEqual(['error:call-flow-recursion:c']);
    const jumpBack = [flow('a', 'b'), flow('b', undefined, 'a')];
    expect(validateFlow(jumpBack[0]!, {}, jumpBack)[0]?.message.en).toContain('(a → b → a)');
  });

  it('allows GotoFlow loops that nest nothing, as before', () => {
    const flows = [flow('a', undefined, 'b'), flow('b', undefined, 'a')];
    expect(codes(flows[0]!, flows)).toEqual([]);
  });

  it(`allows ${MAX_CALL_DEPTH} nested calls and refuses one more`, () => {
    const chain = (length: number) =>
      Array.from({ length: length + 1 }, (_, i) => flow(`f${i}`, i < length ? `f${i + 1}` : undefined));
    const fits = chain(MAX_CALL_DEPTH);
    expect(codes(fits[0]!, fits)).toEqual([]);
    const deeper = chain(MAX_CALL_DEPTH + 1);
    const [diagnostic] = validateFlow(deeper[0]!, {}, deeper);
    expect(diagnostic).toMatchObject({ code: 'call-flow-too-deep', nodeId: 'c' });
    expect(diagnostic!.message.de).toContain(`mehr als ${MAX_CALL_DEPTH} Ebenen`);
    expect(codes(deeper[1]!, deeper)).toEqual([]);
  });

  it('refuses a sub-flow that runs in the other engine', () => {
    const flows = [flow('main', 'pin'), flow('pin', undefined, undefined, 'ari')];
    expect(codes(flows[0]!, flows)).toEqual(['error:call-flow-deployment:c']);
  });

  it('leaves a missing sub-flow to unknown-flow and checks nothing without the other flows', () => {
    const main = flow('main', 'nope');
    expect(codes(main, [main])).toEqual([]);
    expect(codes(main, [])).toEqual([]);
    expect(validateFlow(flow('main', 'main'))).toEqual([]);
  });
});
