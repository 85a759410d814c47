import type { NodeOf } from '@stumpfworks/flow';
import { nodeStep } from './transition.js';

/** Hangup: the call ends with outcome `hangup`. */
export const hangupStep = nodeStep<NodeOf<'Hangup'>>({
  enter: (node, { snapshot }) => ({ kind: 'end', outcome: { kind: 'hangup', flowId: snapshot.flowId, nodeId: node.id } }),
});
