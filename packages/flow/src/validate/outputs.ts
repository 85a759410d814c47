import { nodeOutputs } from '../catalogue.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Flow, FlowNode } from '../flow.schema.js';
import { buildGraph } from '../graph.js';

/** Required outputs are connected; a menu has a key that leads somewhere. */
export function checkOutputs(flow: Flow): Diagnostic[] {
  const graph = buildGraph(flow);
  const diagnostics: Diagnostic[] = [];
  for (const node of flow.nodes) {
    for (const output of nodeOutputs(node)) {
      if (!output.required || graph.edge(node.id, output.name) !== undefined) continue;
      diagnostics.push(unconnected(node, output.name, output.label));
    }
    if (node.type === 'Menu') {
      const branches = graph.connectedOutputs(node.id).filter((o) => /^[0-9*#]$/.test(o) || o === 'direct');
      if (branches.length === 0) {
        diagnostics.push({
          code: 'menu-no-branches',
          severity: 'error',
          nodeId: node.id,
          message: {
            de: 'Das Menü hat keine Taste, die irgendwohin führt.',
            en: 'The menu has no key that leads anywhere.',
          },
        });
      }
    }
  }
  return diagnostics;
}

function unconnected(node: FlowNode, output: string, label: { de: string; en: string }): Diagnostic {
  if (node.type === 'Menu' && (output === 'timeout' || output === 'invalid')) {
    return output === 'timeout'
      ? {
          code: 'menu-no-timeout',
          severity: 'error',
          nodeId: node.id,
          output,
          message: {
            de: 'Was passiert, wenn der Anrufer nichts drückt? Verbinden Sie den Ausgang „Keine Eingabe“.',
            en: 'What happens when the caller presses nothing? Connect the "Timeout" output.',
          },
        }
      : {
          code: 'menu-no-invalid',
          severity: 'error',
          nodeId: node.id,
          output,
          message: {
            de: 'Was passiert bei einer falschen Taste? Verbinden Sie den Ausgang „Falsche Eingabe“.',
            en: 'What happens when the caller presses a wrong key? Connect the "Invalid" output.',
          },
        };
  }
  return {
    code: 'unconnected-output',
    severity: 'error',
    nodeId: node.id,
    output,
    message: {
      de: `Der Ausgang „${label.de}“ ist mit nichts verbunden.`,
      en: `The output "${label.en}" is not connected to anything.`,
    },
  };
}
