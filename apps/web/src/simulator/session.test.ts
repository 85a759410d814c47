import { describe, expect, it } from 'vitest';
import { expectedText } from './session.js';

describe('the expected tokens of a waiting call', () => {
  it('are shown in the words of the transcript, in both languages', () => {
    expect(expectedText('noanswer', 'dial')).toEqual({ de: 'Keine Antwort', en: 'No answer' });
    expect(expectedText('unavailable', 'dial')).toEqual({ de: 'Nicht erreichbar', en: 'Unavailable' });
    expect(expectedText('overflow', 'queue')).toEqual({ de: 'Überlauf', en: 'Overflow' });
    expect(expectedText('timeout', 'input')).toEqual({ de: 'Keine Eingabe', en: 'No input' });
    expect(expectedText('2', 'input')).toEqual({ de: 'Taste 2', en: 'Key 2' });
    expect(expectedText('digits', 'input')).toEqual({ de: 'Ziffern', en: 'Digits' });
    expect(expectedText('http:failure', 'http')).toEqual({ de: 'HTTP: Fehler ohne Antwort', en: 'HTTP: failed without an answer' });
  });

  it('keeps a token it has no words for as it is', () => {
    expect(expectedText('done', 'prompt')).toEqual({ de: 'done', en: 'done' });
  });
});
