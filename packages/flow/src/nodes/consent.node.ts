import { z } from 'zod';
import { promptSchema } from '../prompt.js';
import { defineNodeType, out } from './node-type.js';

/**
 * The recording notice ("Aufnahmehinweis"): plays its prompt, not interruptible, then marks the
 * call with a recording policy, as an inbound route's `consentPrompt` and `recording` do. From
 * then on, the flow's Dial and Queue nodes (and every dial the call makes, the mark is inherited)
 * weigh it with the other policies: a `never` of the dialled side or the caller still wins. A
 * caller who hangs up during the notice leaves the call unmarked.
 */
export const consentNode = defineNodeType({
  type: 'Consent',
  version: 1,
  category: 'call',
  label: { de: 'Aufnahmehinweis', en: 'Recording notice' },
  description: {
    de: 'Spielt den Hinweis, dass das Gespräch aufgezeichnet wird; danach darf aufgezeichnet werden.',
    en: 'Tells the caller the call is recorded; afterwards the call may be recorded.',
  },
  params: z.object({
    prompt: promptSchema,
    /** The policy the call is marked with after the notice: always, or on demand (`*1`). */
    recording: z.enum(['always', 'onDemand']).default('always'),
  }),
  seed: { prompt: { kind: 'tts', text: { de: 'Dieses Gespräch wird aufgezeichnet.', en: 'This call is recorded.' } } },
  paramLabels: { prompt: { de: 'Hinweisansage', en: 'Notice prompt' }, recording: { de: 'Danach aufzeichnen', en: 'Then record' } },
  valueLabels: {
    recording: {
      always: { de: 'immer', en: 'always' },
      onDemand: { de: 'auf Wunsch (*1)', en: 'on demand (*1)' },
    },
  },
  outputs: () => [out.next],
  readsCallerInput: () => false,
  references: { prompt: 'prompts' },
});
