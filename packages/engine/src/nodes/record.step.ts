import type { NodeOf } from '@stumpfworks/flow';
import { nodeStep } from './transition.js';

/** Record: start or stop recording the call; go on at once. */
export const recordStep = nodeStep<NodeOf<'Record'>>({
  enter: (node) => ({ kind: 'follow', output: 'next', effects: [{ type: 'record', action: node.params.action }] }),
});
