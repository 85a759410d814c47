import type { NodeOf } from '@stumpfworks/flow';
import { playEffect } from '../effects.js';
import { nodeStep } from './transition.js';

/** Play: the prompt, not interruptible; after `done` go on. */
export const playStep = nodeStep<NodeOf<'Play'>>({
  enter: (node, { snapshot }) => ({ kind: 'wait', wait: 'prompt', effects: [playEffect(node.params.prompt, snapshot.language)] }),
  waits: ['prompt'],
  resume: () => ({ kind: 'follow', output: 'next' }),
});
