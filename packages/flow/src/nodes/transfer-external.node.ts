import { z } from 'zod';
import { idSchema, numberSchema } from '../ids.js';
import { defineNodeType } from './node-type.js';

export const transferExternalNode = defineNodeType({
  type: 'TransferExternal',
  version: 1,
  category: 'destination',
  label: { de: 'Extern weiterleiten', en: 'Transfer external' },
  description: {
    de: 'Leitet den Anruf über eine ausgehende Route an eine externe Nummer weiter.',
    en: 'Forwards the call to an external number through an outbound route.',
  },
  params: z.object({
    number: numberSchema,
    /** The outbound route; empty means the default route. */
    route: z.union([idSchema, z.literal('')]).default(''),
    ringSeconds: z.number().int().min(5).max(300).default(30),
  }),
  seed: { number: '0301234567' },
  paramLabels: {
    number: { de: 'Rufnummer', en: 'Number' },
    route: { de: 'Ausgehende Route', en: 'Outbound route' },
    ringSeconds: { de: 'Klingeldauer (Sekunden)', en: 'Ring time (seconds)' },
  },
  outputs: () => [
    { name: 'answered', label: { de: 'Angenommen', en: 'Answered' }, required: false, whenUnconnected: 'hangup' },
    { name: 'failed', label: { de: 'Fehlgeschlagen', en: 'Failed' }, required: false, whenUnconnected: 'hangup' },
  ],
  readsCallerInput: () => false,
  references: { route: 'routes' },
});
