import { buildGraph, type Flow, type FlowGraph } from '@stumpfworks/flow';
import { EngineError } from './errors.js';
import type { FlowLibrary } from './types.js';

/**
 * A library over a list of flows, by id. A flow id used twice is refused.
 *
 * @example
 * const flows = flowLibrary([main, support]);
 * startCall(flows, 'main', { callerId: '0301234', clock });
 */
export function flowLibrary(flows: Flow[]): FlowLibrary {
  const byId = new Map<string, Flow>();
  for (const flow of flows) {
    if (byId.has(flow.id)) throw new EngineError('duplicate-flow', `flow "${flow.id}" is in the library twice`);
    byId.set(flow.id, flow);
  }
  return { get: (flowId) => byId.get(flowId) };
}

const graphs = new WeakMap<Flow, FlowGraph>();

/** The graph of a flow, built once per flow object (flows are treated as immutable). */
export function graphOf(flow: Flow): FlowGraph {
  let graph = graphs.get(flow);
  if (!graph) {
    graph = buildGraph(flow);
    graphs.set(flow, graph);
  }
  return graph;
}

/** The flow with this id, or an EngineError naming it. */
export function requireFlow(flows: FlowLibrary, flowId: string, from?: string): Flow {
  const flow = flows.get(flowId);
  if (!flow) throw new EngineError('unknown-flow', `flow "${flowId}"${from ? ` (reached from ${from})` : ''} is not in the library`);
  return flow;
}
