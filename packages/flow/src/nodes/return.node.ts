import { z } from 'zod';
import { defineNodeType } from './node-type.js';

export const returnNode = defineNodeType({
  type: 'Return',
  version: 1,
  category: 'logic',
  label: { de: 'Zurück', en: 'Return' },
  description: {
    de: 'Kehrt zum Knoten „Unterablauf aufrufen“ zurück, der diesen Ablauf aufgerufen hat. Ohne Aufrufer legt er auf.',
    en: 'Goes back to the Call flow node that called this flow. Without a caller it hangs up.',
  },
  params: z.object({}),
  paramLabels: {},
  outputs: () => [],
  readsCallerInput: () => false,
});
