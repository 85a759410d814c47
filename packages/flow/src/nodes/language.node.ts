import { z } from 'zod';
import { LANGUAGE_NAMES, languageSchema } from '../prompt.js';
import { defineNodeType, out } from './node-type.js';

export const languageNode = defineNodeType({
  type: 'Language',
  version: 1,
  category: 'call',
  label: { de: 'Sprache', en: 'Language' },
  description: {
    de: 'Stellt die Sprache des Anrufs um; alle folgenden Ansagen folgen ihr.',
    en: "Sets the call's language; every later prompt follows it.",
  },
  params: z.object({ language: languageSchema }),
  seed: { language: 'de' },
  paramLabels: { language: { de: 'Sprache', en: 'Language' } },
  valueLabels: { language: LANGUAGE_NAMES },
  outputs: () => [out.next],
  readsCallerInput: () => false,
});
