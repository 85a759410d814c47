import type { NodeOf } from '@stumpfworks/flow';
import { nodeStep } from './transition.js';

/** GotoFlow: continue at the Start node of another flow; no return. */
export const gotoFlowStep = nodeStep<NodeOf<'GotoFlow'>>({
  enter: (node) => ({ kind: 'jump', flowId: node.params.flow }),
});
