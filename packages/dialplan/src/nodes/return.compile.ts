import type { NodeOf } from '@stumpfworks/flow';
import { app, labelled, type DialplanContext } from '../ir.js';
import { endCall, nodeContextOf, type NodeScope } from '../node-scope.js';
import { SUB_FLOW_MARK } from './call-flow.compile.js';

/**
 * Return: back to the CallFlow that called this flow (Return()); in a flow the call began in there
 * is no Gosub frame (Return() would hang up without the end trace), so it ends with `hangup`.
 * `ARG1` is only ever set by a CallFlow's Gosub: no caller's value reaches the test.
 */
export function compileReturn(scope: NodeScope<NodeOf<'Return'>>): DialplanContext[] {
  const steps = [app('GotoIf', `$["\${ARG1}" = "${SUB_FLOW_MARK}"]?return`), ...endCall(scope, 'hangup'), ...labelled('return', [app('Return')])];
  return [nodeContextOf(scope, steps)];
}
