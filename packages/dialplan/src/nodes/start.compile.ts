import type { NodeOf } from '@stumpfworks/flow';
import { app, type DialplanContext } from '../ir.js';
import { follow, nodeContextOf, type NodeScope } from '../node-scope.js';

/** Start: answer, set the language, go on. */
export function compileStart(scope: NodeScope<NodeOf<'Start'>>): DialplanContext[] {
  const steps = [app('Answer'), app('Set', `CHANNEL(language)=${scope.node.params.language}`), ...follow(scope, 'next')];
  return [nodeContextOf(scope, steps)];
}
