import { nodeOutputs, nodeTypeDescription } from './catalogue.js';
import type { Flow, FlowNode } from './flow.schema.js';

/**
 * Where an output leads: another node (`output` is the one whose connection leads there, which
 * differs from the asked one when an unconnected output fell back to another), or the end of the call.
 */
export type OutputTarget = { kind: 'node'; nodeId: string; output: string } | { kind: 'hangup' };

/** An index over a flow's nodes and edges, built once and shared by the engine and the compilers. */
export interface FlowGraph {
  flow: Flow;
  node(id: string): FlowNode | undefined;
  start: FlowNode | undefined;
  /** The node an output's edge goes to, if it is connected. */
  edge(nodeId: string, output: string): string | undefined;
  /** Where an output leads once unconnected optional outputs follow their `whenUnconnected` rule. */
  resolve(nodeId: string, output: string): OutputTarget;
  /** Connected outputs of a node, in catalogue order. */
  connectedOutputs(nodeId: string): string[];
}

/** Builds the index for a flow. Edges to unknown nodes are ignored here: validation reports them. */
export function buildGraph(flow: Flow): FlowGraph {
  const nodes = new Map(flow.nodes.map((n) => [n.id, n]));
  const edges = new Map<string, string>();
  for (const e of flow.edges) {
    const key = `${e.from}\u0000${e.output}`;
    if (nodes.has(e.to) && !edges.has(key)) edges.set(key, e.to);
  }
  const edge = (nodeId: string, output: string) => edges.get(`${nodeId}\u0000${output}`);
  const resolve = (nodeId: string, output: string, seen = new Set<string>()): OutputTarget => {
    const to = edge(nodeId, output);
    if (to !== undefined) return { kind: 'node', nodeId: to, output };
    const node = nodes.get(nodeId);
    const description = node && nodeOutputs(node).find((o) => o.name === output);
    const rule = description?.whenUnconnected;
    if (rule && rule !== 'hangup' && !seen.has(rule.output)) {
      seen.add(output);
      return resolve(nodeId, rule.output, seen);
    }
    return { kind: 'hangup' };
  };
  return {
    flow,
    node: (id) => nodes.get(id),
    start: flow.nodes.find((n) => n.type === 'Start'),
    edge,
    resolve: (nodeId, output) => resolve(nodeId, output),
    connectedOutputs: (nodeId) => {
      const node = nodes.get(nodeId);
      if (!node) return [];
      return nodeOutputs(node)
        .map((o) => o.name)
        .filter((name) => edge(nodeId, name) !== undefined);
    },
  };
}

/** True when the node waits for the caller to press keys. */
export function readsCallerInput(node: FlowNode): boolean {
  return nodeTypeDescription(node.type)?.readsCallerInput(node.params as never) ?? false;
}
