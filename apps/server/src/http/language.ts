import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';

/** The languages the API answers in. */
export type Language = 'de' | 'en';

/** A message in both languages. */
export interface Bilingual {
  de: string;
  en: string;
}

const current = new AsyncLocalStorage<Language>();

/** The language of the request being answered; 'en' outside a request (start-up, background jobs). */
export function requestLanguage(): Language {
  return current.getStore() ?? 'en';
}

/** Runs `fn` (and everything it awaits) in `language`. */
export function inLanguage<T>(language: Language, fn: () => T): T {
  return current.run(language, fn);
}

/**
 * The language an `Accept-Language` header asks for: the first of de/en by q-value (ties keep the
 * header's order; regional tags such as `de-AT` count as their language). Anything else, `q=0`, a
 * malformed entry or no header at all gives 'en'.
 *
 * @example languageOf('fr-CH, de;q=0.8, en;q=0.5') // 'de'
 */
export function languageOf(header: string | undefined): Language {
  if (!header) return 'en';
  const wanted = header.split(',').flatMap((entry, order) => {
    const [tag = '', ...params] = entry.split(';').map((part) => part.trim());
    const primary = tag.toLowerCase().split('-')[0];
    if (primary !== 'de' && primary !== 'en') return [];
    const qParam = params.find((p) => /^q\s*=/i.test(p));
    const q = qParam === undefined ? 1 : Number(qParam.replace(/^q\s*=\s*/i, ''));
    if (!(q > 0 && q <= 1)) return [];
    return [{ language: primary as Language, q, order }];
  });
  wanted.sort((a, b) => b.q - a.q || a.order - b.order);
  return wanted[0]?.language ?? 'en';
}

/** Sets the request's language from its `Accept-Language` for everything that runs after it. */
export function languageMiddleware(): MiddlewareHandler {
  return (c, next) => inLanguage(languageOf(c.req.header('accept-language')), next);
}

/** `text` in the request's language. */
export function say(text: Bilingual): string {
  return text[requestLanguage()];
}

/**
 * A zod message given as an error map, so it is chosen when a request is parsed, not when the
 * schema is built.
 *
 * @example z.string().regex(/^[0-9]{4,10}$/, says({ de: 'Muss aus 4 bis 10 Ziffern bestehen', en: 'must be 4 to 10 digits' }))
 */
export function says(text: Bilingual): { error: () => string } {
  return { error: () => say(text) };
}

const zodLocales = { de: z.locales.de().localeError, en: z.locales.en().localeError };

/** Makes zod's own messages (too short, wrong type, …) follow the request's language. Global; idempotent. */
export function localiseZodMessages(): void {
  z.config({ localeError: (issue) => zodLocales[requestLanguage()](issue) });
}
