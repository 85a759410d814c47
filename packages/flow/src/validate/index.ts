/**
 * Flow validation, one concern per file: the Start node and edges (structure.ts), outputs and the
 * node types' own checks (outputs.ts), reachability and endless loops (reachability.ts, cycles.ts),
 * references to the PBX's resources (resources.ts), variables read but never set (variables.ts), and
 * sub-flow calls that never return or nest too deep (sub-flows.ts, with the other flows).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Flow } from '../flow.schema.js';
import { checkOutputs } from './outputs.js';
import { checkEndlessLoops, checkReachable } from './reachability.js';
import type { KnownResources } from '../references.js';
import { checkResources } from './resources.js';
import { checkSubFlowCalls } from './sub-flows.js';
import { checkEdges, checkStart } from './structure.js';
import { checkVariables } from './variables.js';

/**
 * Checks a parsed flow for problems an admin can fix. Errors block compiling and publishing;
 * warnings do not. `flows` are the flows it may call (CallFlow): with them, recursion and the
 * depth of sub-flow calls are checked too; without them, not.
 *
 * @example
 * validateFlow(flow, { extensions: ['1000', '1001'] }).filter((d) => d.severity === 'error');
 */
export function validateFlow(flow: Flow, resources: KnownResources = {}, flows?: readonly Flow[]): Diagnostic[] {
  return [
    ...checkStart(flow),
    ...checkEdges(flow),
    ...checkOutputs(flow),
    ...checkReachable(flow),
    ...checkEndlessLoops(flow),
    ...checkResources(flow, resources),
    ...checkVariables(flow),
    ...(flows ? checkSubFlowCalls(flow, flows) : []),
  ];
}
