import type { NodeOf } from '@stumpfworks/flow';
import { playEffect } from '../effects.js';
import { nodeStep } from './transition.js';

/** Consent: the notice, not interruptible; once it was heard, mark the call with the policy and go on. */
export const consentStep = nodeStep<NodeOf<'Consent'>>({
  enter: (node, { snapshot }) => ({ kind: 'wait', wait: 'prompt', effects: [playEffect(node.params.prompt, snapshot.language)] }),
  waits: ['prompt'],
  resume: (node) => ({ kind: 'follow', output: 'next', effects: [{ type: 'recordingMark', policy: node.params.recording }] }),
});
