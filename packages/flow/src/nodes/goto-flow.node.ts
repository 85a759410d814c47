import { z } from 'zod';
import { idSchema } from '../ids.js';
import { defineNodeType } from './node-type.js';

export const gotoFlowNode = defineNodeType({
  type: 'GotoFlow',
  version: 1,
  category: 'logic',
  label: { de: 'Weiter zu Ablauf', en: 'Go to flow' },
  description: {
    de: 'Springt in einen anderen Ablauf (Unterablauf); der Anruf kehrt nicht zurück.',
    en: 'Continues in another flow (a sub-flow); the call does not come back.',
  },
  params: z.object({ flow: idSchema }),
  seed: { flow: 'main' },
  paramLabels: { flow: { de: 'Ablauf', en: 'Flow' } },
  outputs: () => [],
  readsCallerInput: () => false,
  references: { flow: 'flows' },
});
