import { z } from 'zod';
import { extensionSchema, variableNameSchema } from '../ids.js';
import { defineNodeType } from './node-type.js';

/** A dial target: an extension, or `${DIRECT_EXTENSION}` after a menu's direct dial. */
export const dialTargetSchema = z.union([extensionSchema, z.literal('${DIRECT_EXTENSION}')]);

export const dialNode = defineNodeType({
  type: 'Dial',
  version: 1,
  category: 'destination',
  label: { de: 'Anrufen', en: 'Dial' },
  description: {
    de: 'Lässt eine oder mehrere Nebenstellen klingeln, gleichzeitig oder nacheinander.',
    en: 'Rings one or more extensions, all at once or one after the other.',
  },
  params: z.object({
    targets: z.array(dialTargetSchema).min(1).max(20),
    strategy: z.enum(['simultaneous', 'sequential']).default('simultaneous'),
    /** Ring time per attempt. */
    ringSeconds: z.number().int().min(5).max(300).default(20),
    /**
     * A variable for the target that answered (as dialled: `${DIRECT_EXTENSION}` gives its value),
     * empty when nobody answered; '' (the default) sets none.
     */
    answeredBy: z.union([variableNameSchema, z.literal('')]).default(''),
  }),
  seed: { targets: ['1000'] },
  paramLabels: {
    targets: { de: 'Nebenstellen', en: 'Extensions' },
    strategy: { de: 'Reihenfolge', en: 'Strategy' },
    ringSeconds: { de: 'Klingeldauer (Sekunden)', en: 'Ring time (seconds)' },
    answeredBy: { de: 'Variable für den Annehmenden (leer: keine)', en: 'Variable for who answered (empty: none)' },
  },
  valueLabels: {
    strategy: {
      simultaneous: { de: 'alle gleichzeitig', en: 'all at once' },
      sequential: { de: 'nacheinander', en: 'one after the other' },
    },
  },
  outputs: () => [
    { name: 'answered', label: { de: 'Angenommen', en: 'Answered' }, required: false, whenUnconnected: 'hangup' },
    { name: 'noAnswer', label: { de: 'Keine Antwort', en: 'No answer' }, required: true },
    { name: 'busy', label: { de: 'Besetzt', en: 'Busy' }, required: false, whenUnconnected: { output: 'noAnswer' } },
    {
      name: 'unavailable',
      label: { de: 'Nicht erreichbar', en: 'Unavailable' },
      required: false,
      whenUnconnected: { output: 'noAnswer' },
    },
  ],
  readsCallerInput: () => false,
  references: { targets: 'extensions' },
  variables: (params) => (params.answeredBy !== '' ? { sets: [params.answeredBy] } : {}),
});
