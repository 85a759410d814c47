import { z } from 'zod';
import { variableNameSchema } from '../ids.js';
import { bilingual } from '../messages.js';
import { promptSchema } from '../prompt.js';
import { defineNodeType, out } from './node-type.js';

export const collectDigitsNode = defineNodeType({
  type: 'CollectDigits',
  version: 1,
  category: 'prompt',
  label: { de: 'Ziffern abfragen', en: 'Collect digits' },
  description: {
    de: 'Fragt eine Nummer ab (z. B. Kundennummer) und speichert sie in einer Variablen.',
    en: 'Asks for a number (e.g. an account number) and stores it in a variable.',
  },
  params: z
    .object({
      prompt: promptSchema,
      variable: variableNameSchema,
      minDigits: z.number().int().min(1).max(20).default(1),
      maxDigits: z.number().int().min(1).max(20).default(10),
      /** The key that ends the entry early. */
      terminator: z.enum(['#', '*']).default('#'),
      timeoutSeconds: z.number().int().min(1).max(30).default(5),
      maxAttempts: z.number().int().min(1).max(10).default(3),
    })
    .refine((p) => p.minDigits <= p.maxDigits, {
      ...bilingual({ de: '„Mindestens Ziffern“ darf nicht größer sein als „Höchstens Ziffern“', en: 'minDigits must not exceed maxDigits' }),
      path: ['minDigits'],
    }),
  seed: { prompt: { kind: 'tts', text: { de: 'Bitte geben Sie Ihre Nummer ein.', en: 'Please enter your number.' } }, variable: 'INPUT' },
  paramLabels: {
    prompt: { de: 'Ansage', en: 'Prompt' },
    variable: { de: 'Variable', en: 'Variable' },
    minDigits: { de: 'Mindestens Ziffern', en: 'Minimum digits' },
    maxDigits: { de: 'Höchstens Ziffern', en: 'Maximum digits' },
    terminator: { de: 'Abschlusstaste', en: 'Terminator key' },
    timeoutSeconds: { de: 'Wartezeit (Sekunden)', en: 'Timeout (seconds)' },
    maxAttempts: { de: 'Versuche', en: 'Attempts' },
  },
  valueLabels: {
    terminator: {
      '#': { de: 'Raute (#)', en: 'Hash (#)' },
      '*': { de: 'Stern (*)', en: 'Star (*)' },
    },
  },
  outputs: () => [
    out.next,
    { name: 'invalid', label: { de: 'Keine/ungültige Eingabe', en: 'No or invalid entry' }, required: true },
  ],
  readsCallerInput: () => true,
  references: { prompt: 'prompts' },
  variables: (params) => ({ sets: [params.variable] }),
});
