import type { NodeOf } from '@stumpfworks/flow';
import { nodeStep } from './transition.js';

/** Return: back to the CallFlow node that called this flow; a call that began in this flow hangs up. */
export const returnStep = nodeStep<NodeOf<'Return'>>({
  enter: () => ({ kind: 'return' }),
});
