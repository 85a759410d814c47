import type { NodeOf } from '@stumpfworks/flow';
import { app, type DialplanContext } from '../ir.js';
import { follow, nodeContextOf, type NodeScope } from '../node-scope.js';

/** Record: start or stop MixMonitor; the file is named after the call's unique id. */
export function compileRecord(scope: NodeScope<NodeOf<'Record'>>): DialplanContext[] {
  const step = scope.node.params.action === 'start' ? app('MixMonitor', '${UNIQUEID}.wav') : app('StopMixMonitor');
  return [nodeContextOf(scope, [step, ...follow(scope, 'next')])];
}
