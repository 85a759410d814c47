import type { NodeOf } from '@stumpfworks/flow';
import { app, type DialplanContext } from '../ir.js';
import { flowContext } from '../names.js';
import { nodeContextOf, type NodeScope } from '../node-scope.js';

/** GotoFlow: continue at the other flow's Start node (it answers and sets its language again). */
export function compileGotoFlow(scope: NodeScope<NodeOf<'GotoFlow'>>): DialplanContext[] {
  return [nodeContextOf(scope, [app('Goto', flowContext(scope.node.params.flow), 's', '1')])];
}
