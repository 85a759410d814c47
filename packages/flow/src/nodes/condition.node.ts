import { z } from 'zod';
import { safeTextSchema, variableNameSchema } from '../ids.js';
import { bilingual, bilingualIssue } from '../messages.js';
import { parseRegex } from '../regex/parse.js';
import { defineNodeType } from './node-type.js';

/**
 * A pattern of the regex subset that POSIX ERE (Asterisk's REGEX()) and JavaScript read alike
 * (`parseRegex`): anything else is refused with its position, in German and English.
 */
export const safeRegexSchema = z
  .string()
  .min(1)
  .max(200)
  .superRefine((pattern, ctx) => {
    const parsed = parseRegex(pattern);
    if (!parsed.ok) ctx.addIssue(bilingualIssue(parsed.problem.message));
  });

/**
 * The value an `equals` condition compares with. A lone UTF-16 surrogate has no UTF-8 form, so
 * Asterisk could never hold it; it is refused rather than compared differently.
 */
const equalsValueSchema = safeTextSchema.refine(
  (value) => !/\p{Cs}/u.test(value),
  bilingual({ de: 'Enthält ein ungültiges Unicode-Zeichen (ein einzelnes Surrogat)', en: 'contains an invalid Unicode character (a lone surrogate)' }),
);

/**
 * The longest caller number (UTF-8 bytes) a condition reads. Asterisk's CALLERID(num) gives at most
 * 255 bytes of a longer number (its read buffer), so every engine treats a caller number of 255
 * bytes or more as satisfying no condition, rather than comparing a cut copy.
 */
export const CALLER_NUMBER_MAX_BYTES = 254;

/** Bytes of the text in UTF-8, as Asterisk counts them. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

export const conditionNode = defineNodeType({
  type: 'Condition',
  version: 1,
  category: 'logic',
  label: { de: 'Bedingung', en: 'Condition' },
  description: {
    de: 'Verzweigt nach einer Variablen oder der Rufnummer des Anrufers.',
    en: "Branches on a variable or the caller's number.",
  },
  params: z.discriminatedUnion('operator', [
    z.object({
      subject: z.union([z.literal('callerId'), z.literal('DIRECT_EXTENSION'), variableNameSchema]),
      operator: z.literal('equals'),
      value: equalsValueSchema,
    }),
    z.object({
      subject: z.union([z.literal('callerId'), z.literal('DIRECT_EXTENSION'), variableNameSchema]),
      operator: z.literal('regex'),
      /** Matched against the whole value; a value outside the subject alphabet never matches (`isRegexSubject`). */
      value: safeRegexSchema,
    }),
  ]),
  seed: { subject: 'callerId', operator: 'equals', value: '' },
  paramLabels: {
    subject: { de: 'Prüfe', en: 'Check' },
    operator: { de: 'Vergleich', en: 'Comparison' },
    value: { de: 'Wert', en: 'Value' },
  },
  valueLabels: {
    operator: {
      equals: { de: 'ist gleich', en: 'is equal to' },
      regex: { de: 'passt zum Muster (regulärer Ausdruck)', en: 'matches the pattern (regular expression)' },
    },
  },
  outputs: () => [
    { name: 'true', label: { de: 'Trifft zu', en: 'True' }, required: true },
    { name: 'false', label: { de: 'Trifft nicht zu', en: 'False' }, required: true },
  ],
  readsCallerInput: () => false,
  variables: ({ subject, operator, value }) =>
    subject === 'callerId' ? {} : { reads: [operator === 'equals' ? { name: subject, equals: value } : { name: subject, pattern: value }] },
});
