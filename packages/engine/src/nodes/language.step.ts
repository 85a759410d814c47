import type { NodeOf } from '@stumpfworks/flow';
import { nodeStep } from './transition.js';

/** Language: later prompts use it. */
export const languageStep = nodeStep<NodeOf<'Language'>>({
  enter: (node) => ({
    kind: 'follow',
    output: 'next',
    effects: [{ type: 'setLanguage', language: node.params.language }],
    patch: { language: node.params.language },
  }),
});
