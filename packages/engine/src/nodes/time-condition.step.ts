import { isOpenAt, type NodeOf } from '@stumpfworks/flow';
import { nodeStep } from './transition.js';

/** TimeCondition: `open` or `closed` at the injected clock's instant, in the node's time zone. */
export const timeConditionStep = nodeStep<NodeOf<'TimeCondition'>>({
  enter: (node, { clock }) => ({ kind: 'follow', output: isOpenAt(node.params, clock.now()) ? 'open' : 'closed' }),
});
