import { describe, expect, it } from 'vitest';
import { done, drive, keys, testFlow, tts } from '../testing.js';

const main = testFlow(
  [
    { id: 's', type: 'Start' },
    { id: 'v', type: 'SetVariable', params: { name: 'FROM', value: 'main' } },
    { id: 'm', type: 'Menu', params: { prompt: tts('1 für Englisch') } },
    { id: 'go', type: 'GotoFlow', params: { flow: 'sub' } },
    { id: 'h', type: 'Hangup' },
  ],
  ['s.next->v', 'v.next->m', 'm.1->go', 'm.timeout->h', 'm.invalid->h'],
  'main',
);
const sub = testFlow(
  [
    { id: 's', type: 'Start', params: { language: 'en' } },
    { id: 'p', type: 'Play', params: { prompt: { kind: 'tts', text: { de: 'Hallo ${FROM}', en: 'Hello' } } } },
    { id: 'c', type: 'Condition', params: { subject: 'FROM', operator: 'equals', value: 'main' } },
    { id: 'yes', type: 'Hangup' },
    { id: 'no', type: 'Hangup' },
  ],
  ['s.next->p', 'p.next->c', 'c.true->yes', 'c.false->no'],
  'sub',
);

describe('GotoFlow', () => {
  it('continues at the other flow’s Start, with its answer, keeping the variables and the call’s language', () => {
    const { effects, snapshot } = drive([main, sub], [keys('1'), done]);
    expect(effects.slice(6)).toMatchInlineSnapshot(`
      [
        "read menu 1 für Englisch max=1 attempt=1",
        "visit main/go <1>",
        "visit sub/s",
        "answer",
        "visit sub/p",
        "play Hallo \${FROM}",
        "visit sub/c",
        "visit sub/yes",
        "hangup",
        "end hangup sub/yes",
      ]
    `);
    expect(snapshot).toMatchObject({ flowId: 'sub', language: 'de', vars: { FROM: 'main' } });
  });

  it('sets the other flow’s Start language only for calls that begin there', () => {
    const { effects, snapshot } = drive([sub], []);
    expect(effects.slice(0, 3)).toEqual(['visit sub/s', 'answer', 'language en']);
    expect(snapshot.language).toBe('en');
  });

  it('throws a clear error when the sub-flow is missing', () => {
    expect(() => drive([main], [keys('1')])).toThrow(
      expect.objectContaining({ code: 'unknown-flow', message: 'flow "sub" (reached from GotoFlow "go" in flow "main") is not in the library' }),
    );
  });
});
