import type { NodeOf } from '@stumpfworks/flow';
import { nodeStep } from './transition.js';

/** Voicemail: leave a message; after `done` → `next`, or the outcome `voicemail` when unconnected. */
export const voicemailStep = nodeStep<NodeOf<'Voicemail'>>({
  enter: (node) => ({
    kind: 'wait',
    wait: 'app',
    effects: [{ type: 'voicemail', mailbox: node.params.mailbox, greeting: node.params.greeting }],
  }),
  resume: (node, { snapshot }) => ({
    kind: 'follow',
    output: 'next',
    unconnected: { kind: 'voicemail', flowId: snapshot.flowId, nodeId: node.id, mailbox: node.params.mailbox },
  }),
});
