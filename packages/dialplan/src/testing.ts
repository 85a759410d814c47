import { flowSchema, type Flow } from '@stumpfworks/flow';
import { compileFlows } from './compile.js';
import type { DialplanContext, DialplanIR } from './ir.js';
import type { CompileOptions } from './options.js';

/** A node as tests write it: params may rely on the schema's defaults. */
export interface NodeSpec {
  id: string;
  type: string;
  label?: string;
  params?: Record<string, unknown>;
}

/**
 * Builds a flow through the real schema (so defaults apply and bad test data fails loudly).
 * Edges are `[from, output, to]`. For tests only.
 *
 * @example
 * makeFlow('main', [{ id: 'start', type: 'Start' }, { id: 'bye', type: 'Hangup' }], [['start', 'next', 'bye']]);
 */
export function makeFlow(id: string, nodes: NodeSpec[], edges: Array<[string, string, string]>, name = id): Flow {
  return flowSchema.parse({
    schemaVersion: 1,
    id,
    name,
    nodes: nodes.map((node) => ({ ...node, params: node.params ?? {} })),
    edges: edges.map(([from, output, to]) => ({ from, output, to })),
  });
}

/** Compiles and fails the test with the diagnostics when the flows are refused. For tests only. */
export function compileOk(flows: Flow[], options?: CompileOptions): { ir: DialplanIR; text: string } {
  const result = compileFlows(flows, options);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.diagnostics, null, 2)}`);
  return result;
}

/** One context of the IR by name. */
export function contextNamed(ir: DialplanIR, name: string): DialplanContext {
  const context = ir.contexts.find((c) => c.name === name);
  if (!context) throw new Error(`no context ${name}; have ${ir.contexts.map((c) => c.name).join(', ')}`);
  return context;
}

/**
 * The priorities of one extension as short strings, `(label) App(args)`, for readable assertions.
 *
 * @example
 * steps(context, 's'); // ['UserEvent(SWFlowNode,flow: f,node: n)', 'Answer()', ...]
 */
export function steps(context: DialplanContext, extension = 's'): string[] {
  const found = context.extensions.find((e) => e.name === extension);
  if (!found) throw new Error(`no extension ${extension} in ${context.name}`);
  return found.priorities.map((p) => `${p.label === undefined ? '' : `(${p.label}) `}${p.app}(${p.args.join(',')})`);
}

/**
 * A flow `f` whose Start leads to the node under test; every output named in `outputs` is
 * connected to its own Hangup node `to-<output in lower case>`. Then the steps of the node's `s` extension and
 * its context. For tests only.
 */
export function compileNode(
  node: NodeSpec,
  outputs: string[],
  options?: CompileOptions,
): { context: DialplanContext; ir: DialplanIR; s: string[] } {
  const ends = outputs.map((output) => ({ id: `to-${output.replace('*', 'star').replace('#', 'hash').toLowerCase()}`, type: 'Hangup' }));
  const flow = makeFlow(
    'f',
    [{ id: 'start', type: 'Start' }, node, ...ends],
    [['start', 'next', node.id], ...outputs.map((output, i): [string, string, string] => [node.id, output, ends[i]!.id])],
  );
  const { ir } = compileOk([flow], options);
  const context = contextNamed(ir, `swf-f-${node.id}`);
  return { context, ir, s: steps(context) };
}
