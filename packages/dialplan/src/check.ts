import { validateFlow, type Diagnostic, type DiagnosticCode, type Flow } from '@stumpfworks/flow';
import { flowContext, nodeContext } from './names.js';
import { extraContextsOf } from './nodes/index.js';
import type { ResolvedOptions } from './options.js';

/** Codes only the compiler reports, on top of validation's: problems of the set, not of one flow. */
export type SetDiagnosticCode = Extract<DiagnosticCode, 'duplicate-number' | 'context-clash'>;

/** The errors of one flow that keep the set from compiling. */
export interface FlowDiagnostics {
  flowId: string;
  diagnostics: Diagnostic[];
}

/** A diagnostic with one of the compiler's own codes. */
function setDiagnostic(code: SetDiagnosticCode, nodeId: string | undefined, message: Diagnostic['message']): Diagnostic {
  return { code, severity: 'error', ...(nodeId === undefined ? {} : { nodeId }), message };
}

/**
 * Everything that refuses a set of flows: validation errors of each flow (a GotoFlow or CallFlow to
 * a flow outside the set is `unknown-flow`; recursion and depth of sub-flow calls are checked
 * within the set), two flows with the same number, and two contexts with the same name
 * (`swf-a-b` is flow `a-b`, and also node `b` of flow `a`).
 */
export function checkFlowSet(flows: Flow[], options: ResolvedOptions): FlowDiagnostics[] {
  const byFlow = new Map<string, Diagnostic[]>(flows.map((flow) => [flow.id, []]));
  const add = (flowId: string, diagnostic: Diagnostic) => byFlow.get(flowId)?.push(diagnostic);
  const resources = { ...options.resources, flows: flows.map((flow) => flow.id) };
  for (const flow of flows) {
    for (const diagnostic of validateFlow(flow, resources, flows)) if (diagnostic.severity === 'error') add(flow.id, diagnostic);
  }
  checkNumbers(flows, add);
  checkContexts(flows, options.entryContext, add);
  return [...byFlow]
    .filter(([, diagnostics]) => diagnostics.length > 0)
    .map(([flowId, diagnostics]) => ({ flowId, diagnostics }));
}

type Add = (flowId: string, diagnostic: Diagnostic) => void;

function checkNumbers(flows: Flow[], add: Add): void {
  const owners = new Map<string, string>();
  for (const flow of flows) {
    for (const node of flow.nodes) {
      if (node.type !== 'Start' || node.params.number === '') continue;
      const owner = owners.get(node.params.number);
      if (owner === undefined) {
        owners.set(node.params.number, flow.id);
        continue;
      }
      add(
        flow.id,
        setDiagnostic('duplicate-number', node.id, {
          de: `Die Rufnummer ${node.params.number} gehört schon zum Ablauf „${owner}“.`,
          en: `The number ${node.params.number} already belongs to the flow "${owner}".`,
        }),
      );
    }
  }
}

function checkContexts(flows: Flow[], entryContext: string, add: Add): void {
  const owners = new Map<string, string>([[entryContext, 'the entry context']]);
  const claim = (flowId: string, name: string, what: string, nodeId?: string) => {
    const owner = owners.get(name);
    if (owner === undefined) {
      owners.set(name, what);
      return;
    }
    add(
      flowId,
      setDiagnostic('context-clash', nodeId, {
        de: `${what} ergibt im Wählplan denselben Namen „${name}“ wie ${owner}. Benennen Sie einen der beiden um.`,
        en: `${what} gets the same dialplan name "${name}" as ${owner}. Rename one of them.`,
      }),
    );
  };
  for (const flow of flows) {
    claim(flow.id, flowContext(flow.id), `flow "${flow.id}"`);
    for (const node of flow.nodes) {
      const what = `node "${node.id}" of flow "${flow.id}"`;
      claim(flow.id, nodeContext(flow.id, node.id), what, node.id);
      for (const extra of extraContextsOf(flow.id, node)) claim(flow.id, extra.name, `${what} (${extra.what})`, node.id);
    }
  }
}
