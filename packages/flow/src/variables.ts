import { nodeTypeDescription } from './catalogue.js';
import type { Flow } from './flow.schema.js';
import type { VariableRead, VariableUse } from './nodes/node-type.js';

/** The variables a node sets and reads, from its description. */
export function variablesOf(node: { type: string; params: unknown }): VariableUse {
  return nodeTypeDescription(node.type)?.variables?.(node.params as never) ?? {};
}

const readsByFlow = new WeakMap<Flow, Map<string, VariableRead[]>>();

/**
 * Every read of a variable in a flow, in node order: what path enumeration tries at a node that
 * sets it (the values a condition compares it with). Built once per flow object.
 */
export function readsOf(flow: Flow, name: string): VariableRead[] {
  let index = readsByFlow.get(flow);
  if (!index) {
    index = new Map();
    for (const node of flow.nodes) {
      for (const read of variablesOf(node).reads ?? []) index.set(read.name, [...(index.get(read.name) ?? []), read]);
    }
    readsByFlow.set(flow, index);
  }
  return index.get(name) ?? [];
}
