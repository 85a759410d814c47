import { describe, expect, it } from 'vitest';
import { drive, keys, testFlow, timeout, tts } from '../testing.js';

const collect = (params: Record<string, unknown> = {}) =>
  testFlow(
    [
      { id: 's', type: 'Start' },
      { id: 'c', type: 'CollectDigits', params: { prompt: tts('Nummer?'), variable: 'ACCOUNT', minDigits: 3, maxDigits: 6, ...params } },
      { id: 'ok', type: 'Hangup' },
      { id: 'bad', type: 'Hangup' },
    ],
    ['s.next->c', 'c.next->ok', 'c.invalid->bad'],
  );

describe('CollectDigits', () => {
  it('stores an entry without the terminator', () => {
    const { snapshot, effects } = drive(collect(), [keys('4711#')]);
    expect(effects.slice(3)).toMatchInlineSnapshot(`
      [
        "visit test/c",
        "read digits Nummer? max=6# attempt=1",
        "set ACCOUNT=4711",
        "visit test/ok",
        "hangup",
        "end hangup test/ok",
      ]
    `);
    expect(snapshot.vars.ACCOUNT).toBe('4711');
  });

  it('accepts a full entry without the terminator and cuts extra keys at maxDigits', () => {
    expect(drive(collect(), [keys('123456')]).snapshot.vars.ACCOUNT).toBe('123456');
    expect(drive(collect(), [keys('12345678')]).snapshot.vars.ACCOUNT).toBe('123456');
  });

  it('honours a * terminator', () => {
    expect(drive(collect({ terminator: '*' }), [keys('987*')]).snapshot.vars.ACCOUNT).toBe('987');
  });

  it('retries a too short entry and a timeout, then leaves through invalid', () => {
    const { effects } = drive(collect(), [keys('12#'), timeout, keys('#')]);
    expect(effects.filter((e) => e.startsWith('read')).map((e) => e.slice(-9))).toEqual(['attempt=1', 'attempt=2', 'attempt=3']);
    expect(effects.at(-1)).toBe('end hangup test/bad');
  });

  it('succeeds on a later attempt', () => {
    expect(drive(collect(), [timeout, keys('555#')]).effects.slice(-4)).toEqual([
      'set ACCOUNT=555',
      'visit test/ok',
      'hangup',
      'end hangup test/ok',
    ]);
  });

  it('with a pattern, takes only an entry the pattern matches whole; others count as a failed attempt', () => {
    const exact = collect({ minDigits: 5, maxDigits: 5, pattern: '7\\d{4}', maxAttempts: 3 });
    expect(drive(exact, [keys('71234')]).snapshot.vars.ACCOUNT).toBe('71234');
    const { effects, snapshot } = drive(exact, [keys('61234'), keys('7123#'), keys('7*234')]);
    expect(effects.filter((e) => e.startsWith('read')).map((e) => e.slice(-9))).toEqual(['attempt=1', 'attempt=2', 'attempt=3']);
    expect(snapshot.vars.ACCOUNT).toBeUndefined();
    expect(effects.at(-1)).toBe('end hangup test/bad');
  });

  it('without a pattern (the default, as before) takes any keys of the right length', () => {
    expect(drive(collect(), [keys('*12#')]).snapshot.vars.ACCOUNT).toBe('*12');
  });
});
