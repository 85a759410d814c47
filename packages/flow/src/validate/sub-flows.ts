import type { Diagnostic } from '../diagnostics.js';
import type { Flow } from '../flow.schema.js';
import { MAX_CALL_DEPTH } from '../nodes/call-flow.node.js';

/** A flow a flow leads to: by a CallFlow (one level deeper) or a GotoFlow (the same level). */
interface FlowStep {
  to: string;
  calls: boolean;
}

/** Where a call through CallFlow nodes can lead, each flow with the number of calls that nest there. */
interface PathEntry {
  flowId: string;
  depth: number;
}

type Problem = { kind: 'recursion' | 'too-deep' | 'deployment'; path: string[]; other?: Flow };

/**
 * The checks of a flow's CallFlow nodes that need the other flows: a sub-flow that calls the flow
 * again (directly or through others, a GotoFlow on the way counting as the flow it jumps to),
 * calls nested deeper than `MAX_CALL_DEPTH`, and a sub-flow that runs in another engine (the
 * dialplan returns with Gosub, the ARI runtime from its own call state: one cannot return into the
 * other). Flows missing from `flows` are `unknown-flow` (checkResources) and end the search.
 */
export function checkSubFlowCalls(flow: Flow, flows: readonly Flow[]): Diagnostic[] {
  const byId = new Map(flows.map((f) => [f.id, f]));
  byId.set(flow.id, flow);
  const deployment = flow.deployment ?? 'dialplan';
  return flow.nodes.flatMap((node): Diagnostic[] => {
    if (node.type !== 'CallFlow') return [];
    const problem = search(byId, deployment, [{ flowId: flow.id, depth: 0 }], { to: node.params.flow, calls: true }, new Set());
    return problem ? [diagnostic(node.id, problem)] : [];
  });
}

function stepsOf(flow: Flow): FlowStep[] {
  return flow.nodes.flatMap((node): FlowStep[] =>
    node.type === 'CallFlow' ? [{ to: node.params.flow, calls: true }] : node.type === 'GotoFlow' ? [{ to: node.params.flow, calls: false }] : [],
  );
}

/** Depth-first along the flows; `done` holds `flow@depth` states already searched without a problem. */
function search(byId: Map<string, Flow>, deployment: string, path: PathEntry[], step: FlowStep, done: Set<string>): Problem | undefined {
  const here = path[path.length - 1]!;
  const depth = here.depth + (step.calls ? 1 : 0);
  const chain = [...path.map((p) => p.flowId), step.to];
  const seen = path.find((p) => p.flowId === step.to);
  if (seen && seen.depth < depth) return { kind: 'recursion', path: chain };
  if (seen) return undefined; // a loop of GotoFlow jumps at one level: no deeper
  if (depth > MAX_CALL_DEPTH) return { kind: 'too-deep', path: chain };
  const target = byId.get(step.to);
  if (!target) return undefined;
  if ((target.deployment ?? 'dialplan') !== deployment) return { kind: 'deployment', path: chain, other: target };
  const state = `${step.to}@${depth}`;
  if (done.has(state)) return undefined;
  const next = [...path, { flowId: step.to, depth }];
  for (const further of stepsOf(target)) {
    const problem = search(byId, deployment, next, further, done);
    if (problem) return problem;
  }
  done.add(state);
  return undefined;
}

function diagnostic(nodeId: string, problem: Problem): Diagnostic {
  const chain = problem.path.join(' → ');
  switch (problem.kind) {
    case 'recursion':
      return {
        code: 'call-flow-recursion',
        severity: 'error',
        nodeId,
        message: {
          de: `Der Unterablauf ruft einen Ablauf auf, der ihn schon aufgerufen hat (${chain}): Der Anruf käme nie zurück. Rufen Sie hier einen anderen Ablauf auf.`,
          en: `The sub-flow calls a flow that is already calling it (${chain}): the call would never come back. Call another flow here.`,
        },
      };
    case 'too-deep':
      return {
        code: 'call-flow-too-deep',
        severity: 'error',
        nodeId,
        message: {
          de: `Hier sind Unterabläufe mehr als ${MAX_CALL_DEPTH} Ebenen tief ineinander aufgerufen (${chain}). Erlaubt sind höchstens ${MAX_CALL_DEPTH}.`,
          en: `Sub-flows called here nest more than ${MAX_CALL_DEPTH} levels deep (${chain}). At most ${MAX_CALL_DEPTH} are allowed.`,
        },
      };
    case 'deployment': {
      const other = problem.other!;
      const mode = (flow: Flow) => flow.deployment ?? 'dialplan';
      return {
        code: 'call-flow-deployment',
        severity: 'error',
        nodeId,
        message: {
          de: `Der Ablauf „${other.id}“ läuft im Modus „${mode(other)}“, der aufrufende im anderen (${chain}). Ein Unterablauf muss im selben Modus laufen wie der Ablauf, der ihn aufruft.`,
          en: `The flow "${other.id}" runs in the "${mode(other)}" mode, the calling flow in the other (${chain}). A sub-flow must run in the same mode as the flow that calls it.`,
        },
      };
    }
  }
}
