import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { inLanguage, languageMiddleware, languageOf, requestLanguage, say } from './language.js';

describe('languageOf (Accept-Language)', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['de', 'de'],
    ['en', 'en'],
    ['de-DE', 'de'],
    ['DE-at', 'de'],
    ['en-GB,en;q=0.9', 'en'],
    ['fr-CH, fr;q=0.9, de;q=0.8, en;q=0.5', 'de'],
    ['fr-CH, fr;q=0.9, en;q=0.8, de;q=0.5', 'en'],
    ['de;q=0.5, en;q=0.9', 'en'],
    ['en;q=0.5, de', 'de'],
    ['de, en', 'de'],
    ['en, de', 'en'],
    ['de;q=0.7, en;q=0.7', 'de'],
    ['de;q=0, en;q=0.1', 'en'],
    ['de;q=0', 'en'],
    ['de;q=abc, en;q=0.3', 'en'],
    ['fr, it', 'en'],
    ['*', 'en'],
    ['deutsch', 'en'],
    [' de ; q = 0.8 , en;q=0.2', 'de'],
  ] as const)('%j -> %s', (header, expected) => expect(languageOf(header)).toBe(expected));
});

describe('the request language', () => {
  it('is English outside a request', () => {
    expect(requestLanguage()).toBe('en');
    expect(say({ de: 'Hallo', en: 'hello' })).toBe('hello');
  });

  it('holds across awaits, and each request keeps its own', async () => {
    const later = async (language: 'de' | 'en') =>
      inLanguage(language, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return say({ de: 'Hallo', en: 'hello' });
      });
    expect(await Promise.all([later('de'), later('en'), later('de')])).toEqual(['Hallo', 'hello', 'Hallo']);
    expect(requestLanguage()).toBe('en');
  });

  it('is set by the middleware from Accept-Language', async () => {
    const app = new Hono();
    app.use('*', languageMiddleware());
    app.get('/', async (c) => {
      await Promise.resolve();
      return c.text(requestLanguage());
    });
    const ask = async (headers: Record<string, string>) => (await app.request('/', { headers })).text();
    expect(await ask({})).toBe('en');
    expect(await ask({ 'accept-language': 'de-DE,de;q=0.9,en;q=0.8' })).toBe('de');
    expect(await ask({ 'accept-language': 'fr' })).toBe('en');
  });
});
