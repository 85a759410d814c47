import { z } from 'zod';
import type { FlowGraph } from '../graph.js';
import { extensionSchema } from '../ids.js';
import { promptSchema } from '../prompt.js';
import { defineNodeType, type OutputDescription } from './node-type.js';

export const MENU_DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;
export type MenuDigit = (typeof MENU_DIGITS)[number];

/** With direct dial, `1` may start `1002`: every engine waits this long (seconds) for a further key. */
export const DIRECT_DIAL_DIGIT_TIMEOUT = 3;

const menuParams = z.object({
  prompt: promptSchema,
  timeoutSeconds: z.number().int().min(1).max(30).default(5),
  /**
   * How often the caller may try, counting the first: with `countRetries` `together`, timeouts and
   * wrong entries count alike; with `separately`, each kind has its own `maxAttempts`.
   */
  maxAttempts: z.number().int().min(1).max(10).default(3),
  /** Whether a timeout and a wrong entry use up the same attempts (`together`, as before) or each their own. */
  countRetries: z.enum(['together', 'separately']).default('together'),
  /** Extensions the caller may dial directly from the menu; the `direct` output gets DIRECT_EXTENSION. */
  directDial: z.array(extensionSchema).max(200).default([]),
});

/** What a menu accepts: the keys that lead somewhere and the direct-dial extensions. */
export interface MenuEntries {
  /** Connected key outputs, in MENU_DIGITS order. */
  keys: string[];
  /** Direct-dial extensions, once each, in their order. */
  direct: string[];
}

/**
 * The entries a menu accepts, the one definition the engine, the path enumeration and the
 * dialplan compiler share (the ARI runtime gets them on the `readInput` effect): a key whose
 * output is connected, or a direct-dial extension. Anything else is invalid.
 */
export function menuEntries(node: { id: string; params: Pick<z.infer<typeof menuParams>, 'directDial'> }, graph: Pick<FlowGraph, 'edge'>): MenuEntries {
  return {
    keys: MENU_DIGITS.filter((key) => graph.edge(node.id, key) !== undefined),
    direct: [...new Set(node.params.directDial)],
  };
}

const KEYS_ONLY: OutputDescription[] = [
  ...MENU_DIGITS.map((d) => ({
    name: d,
    label: { de: `Taste ${d}`, en: `Key ${d}` },
    required: false,
    whenDuplicated: { de: `Taste ${d} ist zweimal belegt. Jede Taste darf nur zu einem Ziel führen.`, en: `Key ${d} has two branches. Each key may lead to one place only.` },
  })),
  {
    name: 'timeout',
    label: { de: 'Keine Eingabe', en: 'Timeout' },
    required: true,
    whenMissing: {
      code: 'menu-no-timeout',
      message: {
        de: 'Was passiert, wenn der Anrufer nichts drückt? Verbinden Sie den Ausgang „Keine Eingabe“.',
        en: 'What happens when the caller presses nothing? Connect the "Timeout" output.',
      },
    },
  },
  {
    name: 'invalid',
    label: { de: 'Falsche Eingabe', en: 'Invalid' },
    required: true,
    whenMissing: {
      code: 'menu-no-invalid',
      message: {
        de: 'Was passiert bei einer falschen Taste? Verbinden Sie den Ausgang „Falsche Eingabe“.',
        en: 'What happens when the caller presses a wrong key? Connect the "Invalid" output.',
      },
    },
  },
];
/** The outputs that are a caller's choice: each key, and a direct-dial extension. */
const BRANCHES: ReadonlySet<string> = new Set([...MENU_DIGITS, 'direct']);
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
  params: menuParams,
  seed: { prompt: { kind: 'tts', text: { de: 'Bitte wählen Sie.', en: 'Please choose.' } } },
  paramLabels: {
    prompt: { de: 'Ansage', en: 'Prompt' },
    timeoutSeconds: { de: 'Wartezeit (Sekunden)', en: 'Timeout (seconds)' },
    maxAttempts: { de: 'Versuche', en: 'Attempts' },
    countRetries: { de: 'Keine und falsche Eingabe', en: 'No input and wrong input' },
    directDial: { de: 'Direktwahl erlaubt für', en: 'Direct dial allowed for' },
  },
  valueLabels: {
    countRetries: {
      together: { de: 'zählen gemeinsam als Versuche', en: 'count together as attempts' },
      separately: { de: 'haben je eigene Versuche', en: 'each have their own attempts' },
    },
  },
  outputs: (params) => (params.directDial.length > 0 ? WITH_DIRECT_DIAL : KEYS_ONLY),
  readsCallerInput: () => true,
  references: { directDial: 'extensions', prompt: 'prompts' },
  variables: (params) => (params.directDial.length > 0 ? { sets: ['DIRECT_EXTENSION'] } : {}),
  diagnose: (_params, connected) =>
    connected.some((output) => BRANCHES.has(output))
      ? []
      : [{ code: 'menu-no-branches', message: { de: 'Das Menü hat keine Taste, die irgendwohin führt.', en: 'The menu has no key that leads anywhere.' } }],
});
