import { z } from 'zod';
import { bilingual } from './messages.js';
import type { I18nText } from './nodes/node-type.js';

export const languageSchema = z.enum(['de', 'en']);
export type Language = z.infer<typeof languageSchema>;

/** The call languages by name, for the inspector's choices. */
export const LANGUAGE_NAMES = {
  de: { de: 'Deutsch', en: 'German' },
  en: { de: 'Englisch', en: 'English' },
} as const satisfies Record<Language, I18nText>;

/**
 * What a caller hears. One of:
 * - `sound`: an Asterisk sound file by name (`beep`, `vm-goodbye`), looked up in the call's language;
 * - `upload`: a prompt the admin uploaded, by its id;
 * - `tts`: text spoken by the offline TTS, per language (the call's language picks one).
 */
export const promptSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('sound'),
    name: z.string().regex(/^[a-z0-9][a-z0-9_/-]{0,80}$/i, bilingual({ de: 'Ein Klang wie "beep" oder "digits/1"', en: 'a sound name like "beep" or "digits/1"' })),
  }),
  z.object({ kind: z.literal('upload'), id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/) }),
  z.object({
    kind: z.literal('tts'),
    text: z
      .object({ de: z.string().min(1).max(1000).optional(), en: z.string().min(1).max(1000).optional() })
      .refine(
        (t) => t.de !== undefined || t.en !== undefined,
        bilingual({ de: 'Geben Sie den Text auf Deutsch, auf Englisch oder in beiden Sprachen an', en: 'give the text in German, English or both' }),
      ),
  }),
]);
export type Prompt = z.infer<typeof promptSchema>;

/** The text a prompt speaks in a language, for transcripts (falls back to the other language). */
export function promptText(prompt: Prompt, language: Language): string {
  switch (prompt.kind) {
    case 'sound':
      return `[${prompt.name}]`;
    case 'upload':
      return `[upload ${prompt.id}]`;
    case 'tts':
      return prompt.text[language] ?? prompt.text.de ?? prompt.text.en ?? '';
  }
}

/**
 * The Asterisk file name (no extension) that every engine plays for a prompt. TTS files are named by
 * a hash of their texts, so changed text means a new file and a stale one is never played.
 */
export function promptFile(prompt: Prompt): string {
  switch (prompt.kind) {
    case 'sound':
      return prompt.name;
    case 'upload':
      return `stumpfworks/prompts/${prompt.id}`;
    case 'tts':
      return `stumpfworks/tts/${hash64(JSON.stringify([prompt.text.de ?? null, prompt.text.en ?? null]))}`;
  }
}

/** FNV-1a, 64 bits, as 16 hex digits: stable across runtimes (Node and the browser). */
function hash64(text: string): string {
  let h = 0xcbf29ce484222325n;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}
