import { z } from 'zod';
import { safeTextSchema, variableNameSchema } from '../ids.js';
import { bilingual } from '../messages.js';
import { defineNodeType } from './node-type.js';

/**
 * Regexes are limited to a subset that JavaScript and POSIX ERE (Asterisk's REGEX()) read alike:
 * literals, `.`, bracket expressions, groups, alternation and the quantifiers `* + ?`.
 */
export const safeRegexSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(
    /^[A-Za-z0-9_.*+?()|^\-\[\] ]*$/,
    bilingual({
      de: 'Verwenden Sie in einem Muster nur Buchstaben, Ziffern und . * + ? ( ) | [ ] ^ -',
      en: 'use only letters, digits and . * + ? ( ) | [ ] ^ - in a pattern',
    }),
  )
  .refine((re) => {
    try {
      new RegExp(re);
      return true;
    } catch {
      return false;
    }
  }, bilingual({ de: 'Kein gültiges Muster', en: 'not a valid pattern' }));

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
      value: safeTextSchema,
    }),
    z.object({
      subject: z.union([z.literal('callerId'), z.literal('DIRECT_EXTENSION'), variableNameSchema]),
      operator: z.literal('regex'),
      /** Matched against the whole value. */
      value: safeRegexSchema,
    }),
  ]),
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
});
