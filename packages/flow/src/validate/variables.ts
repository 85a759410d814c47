import type { Diagnostic } from '../diagnostics.js';
import type { Flow, FlowNode } from '../flow.schema.js';
import { CALLER_ID_REFERENCE, templateReferences } from '../nodes/http-request.node.js';

/**
 * Variables read by a condition or an HTTP request but never set in this flow: a warning, as a
 * parent flow may set them.
 */
export function checkVariables(flow: Flow): Diagnostic[] {
  const set = new Set<string>(['DIRECT_EXTENSION', CALLER_ID_REFERENCE]);
  for (const node of flow.nodes) {
    if (node.type === 'SetVariable') set.add(node.params.name);
    if (node.type === 'CollectDigits') set.add(node.params.variable);
    if (node.type === 'HttpRequest') for (const m of node.params.responseMapping) set.add(m.variable);
  }
  const unset = (node: FlowNode, name: string): Diagnostic => ({
    code: 'unset-variable',
    severity: 'warning',
    nodeId: node.id,
    message: {
      de: `Die Variable ${name} wird in diesem Ablauf nirgends gesetzt.`,
      en: `The variable ${name} is never set in this flow.`,
    },
  });
  return flow.nodes.flatMap((node): Diagnostic[] => {
    if (node.type === 'Condition') {
      return node.params.subject === 'callerId' || set.has(node.params.subject) ? [] : [unset(node, node.params.subject)];
    }
    if (node.type === 'HttpRequest') {
      const names = templateReferences(`${node.params.url} ${node.params.body}`);
      return names.filter((name) => !set.has(name)).map((name) => unset(node, name));
    }
    return [];
  });
}
