import type { NodeOf } from '@stumpfworks/flow';
import { app, type DialplanContext } from '../ir.js';
import { follow, nodeContextOf, type NodeScope } from '../node-scope.js';

/** SetVariable: `${NAME}` references in the value are native dialplan variables (unset = empty). */
export function compileSetVariable(scope: NodeScope<NodeOf<'SetVariable'>>): DialplanContext[] {
  const { name, value } = scope.node.params;
  return [nodeContextOf(scope, [app('Set', `${name}=${value}`), ...follow(scope, 'next')])];
}
