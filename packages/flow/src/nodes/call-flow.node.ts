import { z } from 'zod';
import { idSchema } from '../ids.js';
import { defineNodeType, out } from './node-type.js';

/** How deep sub-flows may call sub-flows: a CallFlow whose chain of calls goes deeper is refused. */
export const MAX_CALL_DEPTH = 8;

export const callFlowNode = defineNodeType({
  type: 'CallFlow',
  version: 1,
  category: 'logic',
  label: { de: 'Unterablauf aufrufen', en: 'Call flow' },
  description: {
    de: 'Führt einen anderen Ablauf aus und macht hier weiter, sobald er einen Zurück-Knoten erreicht. Variablen und Sprache gelten dort und wieder hier.',
    en: 'Runs another flow and continues here once it reaches a Return node. Variables and the language carry into it and back.',
  },
  params: z.object({ flow: idSchema }),
  seed: { flow: 'main' },
  paramLabels: { flow: { de: 'Ablauf', en: 'Flow' } },
  outputs: () => [out.next],
  readsCallerInput: () => false,
  references: { flow: 'flows' },
});
