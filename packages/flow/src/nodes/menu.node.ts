import { z } from 'zod';
import { extensionSchema } from '../ids.js';
import { promptSchema } from '../prompt.js';
import { defineNodeType, type OutputDescription } from './node-type.js';

export const MENU_DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;
export type MenuDigit = (typeof MENU_DIGITS)[number];

const KEYS_ONLY: OutputDescription[] = [
  ...MENU_DIGITS.map((d) => ({ name: d, label: { de: `Taste ${d}`, en: `Key ${d}` }, required: false })),
  { name: 'timeout', label: { de: 'Keine Eingabe', en: 'Timeout' }, required: true },
  { name: 'invalid', label: { de: 'Falsche Eingabe', en: 'Invalid' }, required: true },
];
const WITH_DIRECT_DIAL: OutputDescription[] = [
  ...KEYS_ONLY,
  { name: 'direct', label: { de: 'Direktwahl', en: 'Direct dial' }, required: true },
];

export const menuNode = defineNodeType({
  type: 'Menu',
  version: 1,
  category: 'prompt',
  label: { de: 'Menü', en: 'Menu' },
  description: {
    de: 'Spielt eine Ansage und verzweigt nach der gedrückten Taste.',
    en: 'Plays a prompt and branches on the key the caller presses.',
  },
  params: z.object({
    prompt: promptSchema,
    timeoutSeconds: z.number().int().min(1).max(30).default(5),
    /** How often the caller may try, counting the first; timeouts and wrong keys both count. */
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** Extensions the caller may dial directly from the menu; the `direct` output gets DIRECT_EXTENSION. */
    directDial: z.array(extensionSchema).max(200).default([]),
  }),
  paramLabels: {
    prompt: { de: 'Ansage', en: 'Prompt' },
    timeoutSeconds: { de: 'Wartezeit (Sekunden)', en: 'Timeout (seconds)' },
    maxAttempts: { de: 'Versuche', en: 'Attempts' },
    directDial: { de: 'Direktwahl erlaubt für', en: 'Direct dial allowed for' },
  },
  outputs: (params) => (params.directDial.length > 0 ? WITH_DIRECT_DIAL : KEYS_ONLY),
  readsCallerInput: () => true,
  references: { directDial: 'extensions', prompt: 'prompts' },
  variables: (params) => (params.directDial.length > 0 ? { sets: ['DIRECT_EXTENSION'] } : {}),
});
