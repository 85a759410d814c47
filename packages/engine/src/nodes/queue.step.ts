import type { NodeOf } from '@stumpfworks/flow';
import { nodeStep } from './transition.js';

/** Queue: `answer` → `answered` (unconnected: ends `connected`), `overflow` → `overflow`. */
export const queueStep = nodeStep<NodeOf<'Queue'>>({
  enter: (node) => ({
    kind: 'wait',
    wait: 'queue',
    effects: [{ type: 'queue', queue: node.params.queue, maxWaitSeconds: node.params.maxWaitSeconds }],
  }),
  waits: ['queue'],
  resume: (node, { snapshot }, event) =>
    event.type === 'queueResult' && event.result === 'answer'
      ? {
          kind: 'follow',
          output: 'answered',
          unconnected: { kind: 'connected', flowId: snapshot.flowId, nodeId: node.id, via: 'queue', target: node.params.queue },
        }
      : { kind: 'follow', output: 'overflow' },
});
