import type { NodeOf } from '@stumpfworks/flow';
import { nodeStep } from './transition.js';

/** TransferExternal: `answer` → `answered` (unconnected: ends `connected`); any other result → `failed`. */
export const transferExternalStep = nodeStep<NodeOf<'TransferExternal'>>({
  enter: (node) => ({
    kind: 'wait',
    wait: 'dial',
    effects: [{ type: 'transfer', number: node.params.number, route: node.params.route, ringSeconds: node.params.ringSeconds }],
  }),
  waits: ['dial'],
  resume: (node, { snapshot }, event) =>
    event.type === 'dialResult' && event.result === 'answer'
      ? {
          kind: 'follow',
          output: 'answered',
          unconnected: { kind: 'connected', flowId: snapshot.flowId, nodeId: node.id, via: 'transfer', target: node.params.number },
        }
      : { kind: 'follow', output: 'failed' },
});
