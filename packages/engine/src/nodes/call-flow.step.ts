import type { NodeOf } from '@stumpfworks/flow';
import { nodeStep } from './transition.js';

/** CallFlow: run the other flow from its Start node; its Return node comes back to `next`. */
export const callFlowStep = nodeStep<NodeOf<'CallFlow'>>({
  enter: (node) => ({ kind: 'call', flowId: node.params.flow }),
});
