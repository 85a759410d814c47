import { z } from 'zod';
import { numberSchema } from '../ids.js';
import { LANGUAGE_NAMES, languageSchema } from '../prompt.js';
import { defineNodeType, out } from './node-type.js';

export const startNode = defineNodeType({
  type: 'Start',
  version: 1,
  category: 'call',
  label: { de: 'Start', en: 'Start' },
  description: {
    de: 'Hier kommt der Anruf an: die Rufnummer oder Durchwahl dieses Ablaufs.',
    en: 'Where the call comes in: the number or DID of this flow.',
  },
  params: z.object({
    /** The number callers dial, or empty for a flow used only as a sub-flow. */
    number: z.union([numberSchema, z.literal('')]).default(''),
    /** The language of calls that begin here; a call that comes from another flow keeps its own. */
    language: languageSchema.default('de'),
  }),
  paramLabels: {
    number: { de: 'Rufnummer', en: 'Number' },
    language: { de: 'Sprache (für Anrufe, die hier beginnen)', en: 'Language (for calls that begin here)' },
  },
  valueLabels: { language: LANGUAGE_NAMES },
  outputs: () => [out.next],
  readsCallerInput: () => false,
});
