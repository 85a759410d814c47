import { MAX_CALL_DEPTH } from '@stumpfworks/flow';
import { describe, expect, it } from 'vitest';
import { flowLibrary } from '../library.js';
import { done, drive, testFlow, tts } from '../testing.js';

const main = testFlow(
  [
    { id: 's', type: 'Start', params: { language: 'en' } },
    { id: 'v', type: 'SetVariable', params: { name: 'FROM', value: 'main' } },
    { id: 'call', type: 'CallFlow', params: { flow: 'sub' } },
    { id: 'back', type: 'Condition', params: { subject: 'CHECKED', operator: 'equals', value: 'main' } },
    { id: 'yes', type: 'Hangup' },
    { id: 'no', type: 'Hangup' },
  ],
  ['s.next->v', 'v.next->call', 'call.next->back', 'back.true->yes', 'back.false->no'],
  'main',
);
/** Speaks German when called directly; copies FROM into CHECKED and returns. */
const sub = testFlow(
  [
    { id: 's', type: 'Start', params: { language: 'de' } },
    { id: 'p', type: 'Play', params: { prompt: { kind: 'tts', text: { de: 'Hallo', en: 'Hello' } } } },
    { id: 'v', type: 'SetVariable', params: { name: 'CHECKED', value: '${FROM}' } },
    { id: 'r', type: 'Return' },
  ],
  ['s.next->p', 'p.next->v', 'v.next->r'],
  'sub',
);

describe('CallFlow and Return', () => {
  it('runs the sub-flow in the caller’s language and comes back to next with its variables', () => {
    const { effects, snapshot } = drive([main, sub], [done]);
    expect(effects).toMatchInlineSnapshot(`
      [
        "visit main/s",
        "answer",
        "language en",
        "visit main/v",
        "set FROM=main",
        "visit main/call",
        "visit sub/s",
        "answer",
        "visit sub/p",
        "play Hello",
        "visit sub/v",
        "set CHECKED=main",
        "visit sub/r",
        "visit main/back",
        "visit main/yes",
        "hangup",
        "end hangup main/yes",
      ]
    `);
    expect(snapshot).toMatchObject({ flowId: 'main', language: 'en', vars: { FROM: 'main', CHECKED: 'main' } });
    expect(snapshot.returns).toBeUndefined();
  });

  it('remembers where to return while the sub-flow waits, and visits next along the CallFlow’s edge', () => {
    const library = flowLibrary([main, sub]);
    const waiting = drive(library, [], { flowId: 'main' }).snapshot;
    expect(waiting).toMatchObject({ flowId: 'sub', nodeId: 'p', status: 'waiting', returns: [{ flowId: 'main', nodeId: 'call' }] });
  });

  it('returns through nested calls, innermost first', () => {
    const outer = testFlow(
      [{ id: 's', type: 'Start' }, { id: 'c', type: 'CallFlow', params: { flow: 'main' } }, { id: 'h', type: 'Hangup' }],
      ['s.next->c', 'c.next->h'],
      'outer',
    );
    const mainReturning = testFlow(
      [{ id: 's', type: 'Start' }, { id: 'call', type: 'CallFlow', params: { flow: 'sub' } }, { id: 'r', type: 'Return' }],
      ['s.next->call', 'call.next->r'],
      'main',
    );
    const { effects } = drive([outer, mainReturning, sub], [done]);
    expect(effects.filter((e) => e.startsWith('visit') || e.startsWith('end'))).toEqual([
      'visit outer/s',
      'visit outer/c',
      'visit main/s',
      'visit main/call',
      'visit sub/s',
      'visit sub/p',
      'visit sub/v',
      'visit sub/r',
      'visit main/r',
      'visit outer/h',
      'end hangup outer/h',
    ]);
  });

  it('hangs up at a Return when the call began in that flow', () => {
    const { effects, snapshot } = drive([sub, main], [done]);
    expect(effects.slice(0, 3)).toEqual(['visit sub/s', 'answer', 'language de']);
    expect(effects.slice(-2)).toEqual(['hangup', 'end hangup sub/r']);
    expect(snapshot.status).toBe('ended');
  });

  it('ends the whole call when the sub-flow ends it', () => {
    const hangsUp = testFlow([{ id: 's', type: 'Start' }, { id: 'h', type: 'Hangup' }], ['s.next->h'], 'sub');
    const { effects } = drive([main, hangsUp], []);
    expect(effects.slice(-2)).toEqual(['hangup', 'end hangup sub/h']);
  });

  it(`refuses to nest deeper than ${MAX_CALL_DEPTH} calls (validation refuses such flows)`, () => {
    const self = testFlow(
      [{ id: 's', type: 'Start' }, { id: 'c', type: 'CallFlow', params: { flow: 'self' } }, { id: 'h', type: 'Hangup' }],
      ['s.next->c', 'c.next->h'],
      'self',
    );
    expect(() => drive([self], [])).toThrow(expect.objectContaining({ code: 'call-depth' }));
  });

  it('plays prompts of a sub-flow in the language chosen before the call', () => {
    const chooser = testFlow(
      [{ id: 's', type: 'Start' }, { id: 'l', type: 'Language', params: { language: 'en' } }, { id: 'c', type: 'CallFlow', params: { flow: 'sub' } }, { id: 'p', type: 'Play', params: { prompt: tts('Tschüss') } }, { id: 'h', type: 'Hangup' }],
      ['s.next->l', 'l.next->c', 'c.next->p', 'p.next->h'],
      'chooser',
    );
    const { effects } = drive([chooser, sub], [done, done]);
    expect(effects.filter((e) => e.startsWith('play') || e.startsWith('language'))).toEqual(['language de', 'language en', 'play Hello', 'play Tschüss']);
  });
});
