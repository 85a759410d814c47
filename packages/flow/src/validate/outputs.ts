import { nodeOutputs, nodeTypeDescription } from '../catalogue.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Flow } from '../flow.schema.js';
import { buildGraph } from '../graph.js';

/**
 * Required outputs that are unconnected (with the output's own code and message when it has
 * one), then the node type's own checks (its description's `diagnose`), node by node.
 */
export function checkOutputs(flow: Flow): Diagnostic[] {
  const graph = buildGraph(flow);
  return flow.nodes.flatMap((node): Diagnostic[] => {
    const missing = nodeOutputs(node)
      .filter((output) => output.required && graph.edge(node.id, output.name) === undefined)
      .map(
        ({ name: output, label, whenMissing }): Diagnostic =>
          whenMissing
            ? { code: whenMissing.code, severity: 'error', nodeId: node.id, output, message: whenMissing.message }
            : {
                code: 'unconnected-output',
                severity: 'error',
                nodeId: node.id,
                output,
                message: { de: `Der Ausgang „${label.de}“ ist mit nichts verbunden.`, en: `The output "${label.en}" is not connected to anything.` },
              },
      );
    const own = nodeTypeDescription(node.type)?.diagnose?.(node.params as never, graph.connectedOutputs(node.id)) ?? [];
    return [
      ...missing,
      ...own.map(({ severity = 'error', output, ...problem }): Diagnostic => ({ ...problem, severity, nodeId: node.id, ...(output === undefined ? {} : { output }) })),
    ];
  });
}
