/** Small flow builders for tests in this and other packages. */
import type { Flow } from './flow.schema.js';
import { parseFlow } from './parse.js';

type LooseNode = { id: string; type: string; params?: Record<string, unknown> };

/**
 * A flow's edges from `from.output->to` strings (node ids without dots, outputs without dashes).
 *
 * @example
 * edgeList(['start.next->menu', 'menu.1->sales', 'menu.timeout->bye'])
 */
export function edgeList(specs: readonly string[]): { from: string; output: string; to: string }[] {
  return specs.map((spec) => {
    const match = /^([^.]+)\.([^-]+)->(.+)$/.exec(spec);
    if (!match) throw new Error(`bad edge spec ${spec}`);
    return { from: match[1]!, output: match[2]!, to: match[3]! };
  });
}

/**
 * Builds a flow from terse nodes and `from.output->to` edge strings, applying param defaults.
 *
 * @example
 * testFlow([{ id: 's', type: 'Start' }, { id: 'h', type: 'Hangup' }], ['s.next->h'])
 */
export function testFlow(nodes: LooseNode[], edges: string[], id = 'test'): Flow {
  const result = parseFlow({
    schemaVersion: 1,
    id,
    name: id,
    nodes: nodes.map((n) => ({ ...n, params: n.params ?? {} })),
    edges: edgeList(edges),
  });
  if (!result.ok) throw new Error(`test flow is not valid: ${JSON.stringify(result.problems)}`);
  return result.flow;
}

export const tts = (de: string) => ({ kind: 'tts' as const, text: { de, en: de } });

/** A sub-flow that calls `calls` (CallFlow) and returns: two that call each other are a recursion. */
export const callingFlow = (id: string, calls: string): Flow =>
  testFlow([{ id: 'start', type: 'Start' }, { id: 'call', type: 'CallFlow', params: { flow: calls } }, { id: 'back', type: 'Return' }], ['start.next->call', 'call.next->back'], id);
