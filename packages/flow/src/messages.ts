import { z } from 'zod';
import type { I18nText } from './nodes/node-type.js';

/** Zod's own messages (too big, wrong type, …) in each language, independent of any global `z.config`. */
const zodLocales = { de: z.locales.de().localeError, en: z.locales.en().localeError };

/** Every custom message of the flow schemas, by its English text. */
const customMessages = new Map<string, I18nText>();

/**
 * A custom message of a flow schema, in German and English. A zod issue carries one text, so the
 * schema gives the English one and {@link issueText} finds the German one by it: a document is
 * parsed once, whichever language it is shown in.
 *
 * @example z.string().regex(/^[0-9]{3,12}$/, bilingual({ de: 'Eine PIN hat 3 bis 12 Ziffern', en: 'a PIN has 3-12 digits' }))
 */
export function bilingual(text: I18nText): { error: string } {
  const known = customMessages.get(text.en);
  if (known && known.de !== text.de) {
    throw new Error(`the flow schema message "${text.en}" has two German texts: "${known.de}" and "${text.de}"`);
  }
  customMessages.set(text.en, text);
  return { error: text.en };
}

/**
 * A custom issue whose text is made while validating (it names a position or a character), for
 * `ctx.addIssue` in a `superRefine`. The German text travels with the issue, so no message is
 * registered per input.
 *
 * @example ctx.addIssue(bilingualIssue({ de: `Zeichen ${n}: ...`, en: `character ${n}: ...` }))
 */
export function bilingualIssue(text: I18nText): { code: 'custom'; message: string; params: { de: string } } {
  return { code: 'custom', message: text.en, params: { de: text.de } };
}

/** Parse options that give every issue its English text, whatever `z.config` a host set, and keep what the German text needs. */
export const ENGLISH_PARSE = { error: zodLocales.en, reportInput: true } as const;

/**
 * The text of an issue from a parse with {@link ENGLISH_PARSE}, in both languages: a custom message
 * as the schema wrote it, zod's own from its German and English locales.
 */
export function issueText(issue: z.core.$ZodIssue): I18nText {
  const custom = customMessages.get(issue.message);
  if (custom) return custom;
  if (issue.code === 'custom' && typeof issue.params?.de === 'string') return { de: issue.params.de, en: issue.message };
  return { de: germanZodText(issue) ?? issue.message, en: issue.message };
}

function germanZodText(issue: z.core.$ZodIssue): string | undefined {
  // zod's German locale says only "Ungültige Eingabe" where its English one lists a discriminated union's choices.
  if (issue.code === 'invalid_union' && 'options' in issue && issue.options && issue.options.length > 0) {
    return `Ungültiger Wert: erwartet ${issue.options.map((o) => `'${String(o)}'`).join(' | ')}`;
  }
  // A finished issue has the fields of the raw one a locale reads; `input` (for "received a string") is kept by `reportInput`.
  return unwrap(zodLocales.de(issue as z.core.$ZodRawIssue));
}

function unwrap(message: ReturnType<z.core.$ZodErrorMap>): string | undefined {
  if (typeof message === 'string') return message;
  return message?.message;
}
