import { z } from 'zod';
import { extensionSchema } from '../ids.js';
import { defineNodeType } from './node-type.js';

export const voicemailNode = defineNodeType({
  type: 'Voicemail',
  version: 1,
  category: 'destination',
  label: { de: 'Mailbox', en: 'Voicemail' },
  description: { de: 'Der Anrufer hinterlässt eine Nachricht.', en: 'The caller leaves a message.' },
  params: z.object({
    mailbox: extensionSchema,
    greeting: z.enum(['unavailable', 'busy']).default('unavailable'),
  }),
  seed: { mailbox: '1000' },
  paramLabels: { mailbox: { de: 'Mailbox', en: 'Mailbox' }, greeting: { de: 'Begrüßung', en: 'Greeting' } },
  valueLabels: {
    greeting: {
      unavailable: { de: 'nicht erreichbar', en: 'unavailable' },
      busy: { de: 'besetzt', en: 'busy' },
    },
  },
  outputs: () => [
    { name: 'next', label: { de: 'Danach', en: 'Afterwards' }, required: false, whenUnconnected: 'hangup' },
  ],
  readsCallerInput: () => false,
  references: { mailbox: 'mailboxes' },
});
