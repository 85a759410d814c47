import { promptFile, type NodeOf } from '@stumpfworks/flow';
import { app, type DialplanContext } from '../ir.js';
import { follow, nodeContextOf, type NodeScope } from '../node-scope.js';

/** Play: the prompt, not interruptible. */
export function compilePlay(scope: NodeScope<NodeOf<'Play'>>): DialplanContext[] {
  return [nodeContextOf(scope, [app('Playback', promptFile(scope.node.params.prompt)), ...follow(scope, 'next')])];
}
