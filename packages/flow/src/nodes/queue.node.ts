import { z } from 'zod';
import { idSchema } from '../ids.js';
import { defineNodeType } from './node-type.js';

export const queueNode = defineNodeType({
  type: 'Queue',
  version: 1,
  category: 'destination',
  label: { de: 'Warteschlange', en: 'Queue' },
  description: {
    de: 'Stellt den Anruf in eine Warteschlange; nach der Höchstwartezeit geht es weiter.',
    en: 'Puts the call in a queue; after the maximum wait it continues.',
  },
  params: z.object({
    queue: idSchema,
    maxWaitSeconds: z.number().int().min(5).max(3600).default(120),
  }),
  seed: { queue: 'support' },
  paramLabels: {
    queue: { de: 'Warteschlange', en: 'Queue' },
    maxWaitSeconds: { de: 'Höchstwartezeit (Sekunden)', en: 'Maximum wait (seconds)' },
  },
  outputs: () => [
    { name: 'answered', label: { de: 'Angenommen', en: 'Answered' }, required: false, whenUnconnected: 'hangup' },
    { name: 'overflow', label: { de: 'Überlauf', en: 'Overflow' }, required: true },
  ],
  readsCallerInput: () => false,
  references: { queue: 'queues' },
});
