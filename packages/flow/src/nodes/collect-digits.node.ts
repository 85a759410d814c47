import { z } from 'zod';
import { variableNameSchema } from '../ids.js';
import { bilingual } from '../messages.js';
import { promptSchema } from '../prompt.js';
import { parseRegex } from '../regex/parse.js';
import { RegexMatcher } from '../regex/match.js';
import { safeRegexSchema } from './condition.node.js';
import { defineNodeType, out } from './node-type.js';

/** The keys an entry can hold: every key but the terminator, digits first (so samples are digits where they can be). */
const entryKeys = (terminator: string) => '0123456789*#'.replace(terminator, '');

/**
 * One entry of `minDigits..maxDigits` keys the pattern accepts, of the length nearest to
 * `preferred` that has one; none without a pattern or when no entry can match it (a broken
 * pattern included: the schema reports that).
 */
export function collectPatternEntries(
  params: { minDigits: number; maxDigits: number; terminator: string; pattern: string },
  preferred = Math.min(Math.max(4, params.minDigits), params.maxDigits),
): string[] {
  const { minDigits, maxDigits, terminator, pattern } = params;
  const parsed = pattern === '' ? undefined : parseRegex(pattern);
  if (!parsed?.ok) return [];
  const matcher = new RegexMatcher(parsed.ast);
  const lengths = Array.from({ length: Math.max(0, maxDigits - minDigits + 1) }, (_, i) => minDigits + i).sort(
    (a, b) => Math.abs(a - preferred) - Math.abs(b - preferred) || a - b,
  );
  for (const length of lengths) {
    const entry = matcher.sample(entryKeys(terminator), length);
    if (entry !== undefined) return [entry];
  }
  return [];
}

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
      /**
       * When set, an entry must also match this pattern as a whole (the Condition node's regex
       * subset, `parseRegex`), e.g. `7\d{4}`; empty: any entry of the right length.
       */
      pattern: z.union([safeRegexSchema, z.literal('')]).default(''),
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
    pattern: { de: 'Muster (regulärer Ausdruck, leer: jede Eingabe)', en: 'Pattern (regular expression, empty: any entry)' },
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
  diagnose: (params) =>
    params.pattern !== '' && collectPatternEntries(params).length === 0
      ? [
          {
            code: 'collect-digits-pattern-unmatchable',
            message: {
              de: `Keine Eingabe von ${params.minDigits} bis ${params.maxDigits} Tasten (0-9, * und #, ohne die Abschlusstaste) passt zum Muster: der Anrufer käme nie weiter.`,
              en: `No entry of ${params.minDigits} to ${params.maxDigits} keys (0-9, * and #, without the terminator) matches the pattern: no caller could ever pass.`,
            },
          },
        ]
      : [],
});
