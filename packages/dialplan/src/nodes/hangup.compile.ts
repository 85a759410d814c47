import type { NodeOf } from '@stumpfworks/flow';
import type { DialplanContext } from '../ir.js';
import { endCall, nodeContextOf, type NodeScope } from '../node-scope.js';

/** Hangup: end with outcome `hangup`. */
export function compileHangup(scope: NodeScope<NodeOf<'Hangup'>>): DialplanContext[] {
  return [nodeContextOf(scope, endCall(scope, 'hangup'))];
}
