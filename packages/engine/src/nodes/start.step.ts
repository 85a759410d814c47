import type { NodeOf } from '@stumpfworks/flow';
import { nodeStep } from './transition.js';

/**
 * Start: answer; set the language when the call begins here (its first visit). A call that comes
 * from another flow (GotoFlow, CallFlow) keeps the language it has: the caller may have chosen it.
 */
export const startStep = nodeStep<NodeOf<'Start'>>({
  enter: (node, call) =>
    call.snapshot.visits === 1
      ? {
          kind: 'follow',
          output: 'next',
          effects: [{ type: 'answer' }, { type: 'setLanguage', language: node.params.language }],
          patch: { language: node.params.language },
        }
      : { kind: 'follow', output: 'next', effects: [{ type: 'answer' }] },
});
