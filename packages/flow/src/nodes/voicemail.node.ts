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
    /**
     * The mailbox's greeting the caller hears: unavailable (`u`), busy (`b`), or none (straight
     * to the instructions or the tone). A temporary greeting, while the box has one, is played
     * instead of any of the three (app_voicemail: it replaces the greeting, also for `none`).
     */
    greeting: z.enum(['unavailable', 'busy', 'none']).default('unavailable'),
    /** Play the instructions ("leave your message after the tone") after the greeting, or skip them (`s`): only the tone. */
    instructions: z.enum(['play', 'skip']).default('play'),
  }),
  seed: { mailbox: '1000' },
  paramLabels: {
    mailbox: { de: 'Mailbox', en: 'Mailbox' },
    greeting: { de: 'Begrüßung', en: 'Greeting' },
    instructions: { de: 'Hinweis „Nachricht nach dem Ton“', en: 'Instructions "after the tone"' },
  },
  valueLabels: {
    greeting: {
      unavailable: { de: 'nicht erreichbar', en: 'unavailable' },
      busy: { de: 'besetzt', en: 'busy' },
      none: { de: 'keine (nur eine vorübergehende)', en: 'none (only a temporary one)' },
    },
    instructions: {
      play: { de: 'abspielen', en: 'play' },
      skip: { de: 'weglassen (nur der Ton)', en: 'skip (only the tone)' },
    },
  },
  outputs: () => [
    { name: 'next', label: { de: 'Danach', en: 'Afterwards' }, required: false, whenUnconnected: 'hangup' },
  ],
  readsCallerInput: () => false,
  references: { mailbox: 'mailboxes' },
});
