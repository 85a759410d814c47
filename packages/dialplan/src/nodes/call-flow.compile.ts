import type { NodeOf } from '@stumpfworks/flow';
import { app, type DialplanContext } from '../ir.js';
import { flowContext } from '../names.js';
import { follow, nodeContextOf, type NodeScope } from '../node-scope.js';

/**
 * The Gosub argument that marks a sub-flow's frame: a Return node returns only when `ARG1` has it
 * (Asterisk clears `ARG1` at the end of the frame, so a flow the call began in sees it empty).
 */
export const SUB_FLOW_MARK = 'swf-sub';

/**
 * CallFlow: Gosub into the other flow's own context (the same contexts every caller of it uses);
 * its Return node's Return() comes back here and the call leaves through `next`.
 */
export function compileCallFlow(scope: NodeScope<NodeOf<'CallFlow'>>): DialplanContext[] {
  const steps = [app('Gosub', flowContext(scope.node.params.flow), 's', `1(${SUB_FLOW_MARK})`), ...follow(scope, 'next')];
  return [nodeContextOf(scope, steps)];
}
