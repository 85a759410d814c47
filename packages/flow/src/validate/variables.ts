import type { Diagnostic } from '../diagnostics.js';
import type { Flow } from '../flow.schema.js';
import { variablesOf } from '../variables.js';

/** Set by a menu's direct dial, maybe in a parent flow: never reported as unset. */
const ALWAYS_SET = ['DIRECT_EXTENSION'];

/**
 * Variables a node reads (its description's `variables`) but no node of this flow sets: a
 * warning, as a parent flow may set them.
 */
export function checkVariables(flow: Flow): Diagnostic[] {
  const uses = flow.nodes.map((node) => ({ node, use: variablesOf(node) }));
  const set = new Set([...ALWAYS_SET, ...uses.flatMap(({ use }) => use.sets ?? [])]);
  return uses.flatMap(({ node, use }) =>
    [...new Set((use.reads ?? []).map((read) => read.name))]
      .filter((name) => !set.has(name))
      .map(
        (name): Diagnostic => ({
          code: 'unset-variable',
          severity: 'warning',
          nodeId: node.id,
          message: { de: `Die Variable ${name} wird in diesem Ablauf nirgends gesetzt.`, en: `The variable ${name} is never set in this flow.` },
        }),
      ),
  );
}
