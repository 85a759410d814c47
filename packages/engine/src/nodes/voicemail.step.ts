import type { NodeOf } from '@stumpfworks/flow';
import type { Outcome } from '../types.js';
import { nodeStep, type NodeCall } from './transition.js';

type Voicemail = NodeOf<'Voicemail'>;

/** How a call ends in this voicemail: after it, or by the caller hanging up inside it. */
const outcome = (node: Voicemail, { snapshot }: NodeCall): Outcome => ({ kind: 'voicemail', flowId: snapshot.flowId, nodeId: node.id, mailbox: node.params.mailbox });

/**
 * Voicemail: leave a message; after `done` → `next`, or the outcome `voicemail` when unconnected
 * (then the effect says so: `endsWith`).
 */
export const voicemailStep = nodeStep<Voicemail>({
  enter: (node, call) => {
    const final = call.graph.resolve(node.id, 'next').kind === 'hangup';
    const { mailbox, greeting, instructions } = node.params;
    const quiet = instructions === 'skip' ? { skipInstructions: true as const } : {};
    return { kind: 'wait', wait: 'app', effects: [{ type: 'voicemail', mailbox, greeting, ...quiet, ...(final ? { endsWith: outcome(node, call) } : {}) }] };
  },
  waits: ['app'],
  resume: (node, call) => ({ kind: 'follow', output: 'next', unconnected: outcome(node, call) }),
  /** A caller hanging up inside the voicemail has left the message: the call ends `voicemail`. */
  onHangup: outcome,
});
