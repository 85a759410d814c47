import type { NodeOf } from '@stumpfworks/flow';
import { app, labelled, type DialplanContext } from '../ir.js';
import { follow, followAnswered, nodeContextOf, type NodeScope } from '../node-scope.js';
import { ifStatus } from './dial.compile.js';

/** TransferExternal: Dial() through the outbound route; ANSWER -> answered, anything else -> failed. */
export function compileTransferExternal(scope: NodeScope<NodeOf<'TransferExternal'>>): DialplanContext[] {
  const { number, route, ringSeconds } = scope.node.params;
  const steps = [
    app('Dial', scope.options.transferDialString(number, route), String(ringSeconds), 'g'),
    ifStatus(['ANSWER'], 'answered'),
    ...labelled('failed', follow(scope, 'failed')),
    ...labelled('answered', followAnswered(scope)),
  ];
  return [nodeContextOf(scope, steps)];
}
