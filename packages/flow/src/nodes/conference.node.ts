import { z } from 'zod';
import { extensionSchema } from '../ids.js';
import { bilingual } from '../messages.js';
import type { Prompt } from '../prompt.js';
import { defineNodeType, type OutputDescription } from './node-type.js';

/** The PIN prompt: Asterisk's own "please enter the conference PIN". */
export const PIN_PROMPT: Prompt = { kind: 'sound', name: 'conf-getpin' };
/** Seconds of silence that end a PIN entry, in every engine (the node has no setting for it). */
export const PIN_TIMEOUT_SECONDS = 5;
/** Keys read for a PIN: the longest PIN allowed, so an entry is ended by `#` (or the timeout). */
export const PIN_MAX_DIGITS = 12;

export const conferenceNode = defineNodeType({
  type: 'Conference',
  version: 1,
  category: 'destination',
  label: { de: 'Konferenz', en: 'Conference' },
  description: {
    de: 'Bringt den Anrufer in einen Konferenzraum, auf Wunsch mit PIN.',
    en: 'Puts the caller in a conference room, optionally behind a PIN.',
  },
  params: z.object({
    room: extensionSchema,
    pin: z.union([z.string().regex(/^[0-9]{3,12}$/, bilingual({ de: 'Eine PIN hat 3 bis 12 Ziffern', en: 'a PIN has 3-12 digits' })), z.literal('')]).default(''),
    maxAttempts: z.number().int().min(1).max(10).default(3),
  }),
  seed: { room: '800' },
  paramLabels: {
    room: { de: 'Raum', en: 'Room' },
    pin: { de: 'PIN', en: 'PIN' },
    maxAttempts: { de: 'PIN-Versuche', en: 'PIN attempts' },
  },
  outputs: (params) => {
    const outputs: OutputDescription[] = [
      { name: 'next', label: { de: 'Danach', en: 'Afterwards' }, required: false, whenUnconnected: 'hangup' },
    ];
    if (params.pin !== '') {
      outputs.push({ name: 'wrongPin', label: { de: 'Falsche PIN', en: 'Wrong PIN' }, required: false, whenUnconnected: 'hangup' });
    }
    return outputs;
  },
  readsCallerInput: (params) => params.pin !== '',
  references: { room: 'rooms' },
});
