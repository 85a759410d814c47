import { nodeOutputs } from '../catalogue.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Flow } from '../flow.schema.js';
import { readsCallerInput } from '../graph.js';
import { stronglyConnected } from './cycles.js';

/** Every node a node's edges lead to (duplicates included: they are reported once, elsewhere). */
function successors(flow: Flow): Map<string, string[]> {
  const nodes = new Map(flow.nodes.map((n) => [n.id, n]));
  const map = new Map<string, string[]>(flow.nodes.map((n) => [n.id, []]));
  for (const e of flow.edges) {
    const from = nodes.get(e.from);
    const list = map.get(e.from);
    if (!from || !list || !nodes.has(e.to) || list.includes(e.to)) continue;
    if (nodeOutputs(from).some((o) => o.name === e.output)) list.push(e.to);
  }
  return map;
}

/** Nodes no connection leads to from the Start node (a warning). */
export function checkReachable(flow: Flow): Diagnostic[] {
  const start = flow.nodes.find((n) => n.type === 'Start');
  if (!start) return [];
  const next = successors(flow);
  const seen = new Set<string>([start.id]);
  const stack = [start.id];
  while (stack.length > 0) {
    for (const to of next.get(stack.pop()!) ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        stack.push(to);
      }
    }
  }
  return flow.nodes
    .filter((n) => !seen.has(n.id))
    .map((n) => ({
      code: 'unreachable-node' as const,
      severity: 'warning' as const,
      nodeId: n.id,
      message: {
        de: 'Dieser Baustein wird nie erreicht: Keine Verbindung führt zu ihm.',
        en: 'This node is never reached: no connection leads to it.',
      },
    }));
}

/**
 * A cycle made only of nodes that never wait for the caller would spin forever. Cycles through a
 * menu, a digit collection or a PIN prompt are fine: the caller moves them on, and retries end them.
 */
export function checkEndlessLoops(flow: Flow): Diagnostic[] {
  const quiet = new Set(flow.nodes.filter((n) => !readsCallerInput(n)).map((n) => n.id));
  const next = successors(flow);
  const diagnostics: Diagnostic[] = [];
  for (const component of stronglyConnected([...quiet], (id) => (next.get(id) ?? []).filter((t) => quiet.has(t)))) {
    const selfLoop = component.length === 1 && (next.get(component[0]!) ?? []).includes(component[0]!);
    if (component.length < 2 && !selfLoop) continue;
    const ids = [...component].sort();
    diagnostics.push({
      code: 'endless-loop',
      severity: 'error',
      nodeId: ids[0],
      message: {
        de: `Endlosschleife ohne Eingabe des Anrufers: ${ids.join(' → ')}. Bauen Sie ein Menü oder ein Ende ein.`,
        en: `Endless loop without caller input: ${ids.join(' → ')}. Add a menu or an end to it.`,
      },
    });
  }
  return diagnostics;
}
