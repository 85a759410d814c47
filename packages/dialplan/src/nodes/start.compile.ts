import type { NodeOf } from '@stumpfworks/flow';
import { app, labelled, type DialplanContext } from '../ir.js';
import { follow, nodeContextOf, type NodeScope } from '../node-scope.js';

/**
 * Set at the first Start node a call runs: a later Start (GotoFlow, CallFlow) keeps the call's
 * language. Only this compiler sets it, to `1`.
 */
export const STARTED_VARIABLE = 'SWF_STARTED';

/** Start: answer; the flow's language when the call begins here; go on. */
export function compileStart(scope: NodeScope<NodeOf<'Start'>>): DialplanContext[] {
  const steps = [
    app('Answer'),
    app('GotoIf', `$["\${${STARTED_VARIABLE}}" = "1"]?next`),
    app('Set', `CHANNEL(language)=${scope.node.params.language}`),
    app('Set', `${STARTED_VARIABLE}=1`),
    ...labelled('next', follow(scope, 'next')),
  ];
  return [nodeContextOf(scope, steps)];
}
