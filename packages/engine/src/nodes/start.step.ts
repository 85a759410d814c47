import type { NodeOf } from '@stumpfworks/flow';
import { nodeStep } from './transition.js';

/** Start: answer, set the language, go on. */
export const startStep = nodeStep<NodeOf<'Start'>>({
  enter: (node) => ({
    kind: 'follow',
    output: 'next',
    effects: [{ type: 'answer' }, { type: 'setLanguage', language: node.params.language }],
    patch: { language: node.params.language },
  }),
});
