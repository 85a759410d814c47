import { nodeOutputs } from '../catalogue.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Flow } from '../flow.schema.js';

/** Exactly one Start node. */
export function checkStart(flow: Flow): Diagnostic[] {
  const starts = flow.nodes.filter((n) => n.type === 'Start');
  if (starts.length === 0) {
    return [
      {
        code: 'no-start',
        severity: 'error',
        message: { de: 'Der Ablauf hat keinen Start-Baustein.', en: 'The flow has no Start node.' },
      },
    ];
  }
  return starts.slice(1).map((n) => ({
    code: 'multiple-start' as const,
    severity: 'error' as const,
    nodeId: n.id,
    message: { de: 'Ein Ablauf darf nur einen Start-Baustein haben.', en: 'A flow may have only one Start node.' },
  }));
}

/** Edges between nodes that exist, from outputs their node has, each output connected once. */
export function checkEdges(flow: Flow): Diagnostic[] {
  const nodes = new Map(flow.nodes.map((n) => [n.id, n]));
  const diagnostics: Diagnostic[] = [];
  const used = new Set<string>();
  for (const edge of flow.edges) {
    const from = nodes.get(edge.from);
    if (!from || !nodes.has(edge.to)) {
      const missing = from ? edge.to : edge.from;
      diagnostics.push({
        code: 'dangling-edge',
        severity: 'error',
        nodeId: from ? from.id : undefined,
        output: edge.output,
        message: {
          de: `Eine Verbindung führt zu einem Baustein, den es nicht gibt ("${missing}").`,
          en: `A connection refers to a node that does not exist ("${missing}").`,
        },
      });
      continue;
    }
    const output = nodeOutputs(from).find((o) => o.name === edge.output);
    if (!output) {
      diagnostics.push({
        code: 'unknown-output',
        severity: 'error',
        nodeId: from.id,
        output: edge.output,
        message: {
          de: `Der Baustein hat keinen Ausgang "${edge.output}".`,
          en: `The node has no output "${edge.output}".`,
        },
      });
      continue;
    }
    const key = `${edge.from}\u0000${edge.output}`;
    if (used.has(key)) {
      diagnostics.push({
        code: 'duplicate-output',
        severity: 'error',
        nodeId: from.id,
        output: edge.output,
        message: output.whenDuplicated ?? {
          de: `Der Ausgang "${edge.output}" ist zweimal verbunden.`,
          en: `The output "${edge.output}" is connected twice.`,
        },
      });
    }
    used.add(key);
  }
  return diagnostics;
}
