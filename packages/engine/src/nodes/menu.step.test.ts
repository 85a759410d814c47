import { describe, expect, it } from 'vitest';
import { flowLibrary } from '../library.js';
import { startCall } from '../step.js';
import { clockAt, dialResult, drive, keys, testFlow, timeout, tts, WEDNESDAY } from '../testing.js';

const menu = (params: Record<string, unknown> = {}) =>
  testFlow(
    [
      { id: 's', type: 'Start' },
      { id: 'm', type: 'Menu', params: { prompt: tts('Menü'), maxAttempts: 2, ...params } },
      { id: 'one', type: 'Hangup' },
      { id: 'star', type: 'Hangup' },
      { id: 'late', type: 'Hangup' },
      { id: 'wrong', type: 'Hangup' },
      { id: 'dial', type: 'Dial', params: { targets: ['${DIRECT_EXTENSION}'] } },
      { id: 'vm', type: 'Voicemail', params: { mailbox: '1000' } },
    ],
    ['s.next->m', 'm.1->one', 'm.*->star', 'm.timeout->late', 'm.invalid->wrong', 'm.direct->dial', 'dial.noAnswer->vm'],
  );

describe('Menu', () => {
  it('reads one key and leaves through the connected digit, with the keys on the visit', () => {
    expect(drive(menu(), [keys('*')]).effects.slice(3)).toMatchInlineSnapshot(`
      [
        "visit test/m",
        "read menu Menü max=1 attempt=1",
        "visit test/star <*>",
        "hangup",
        "end hangup test/star",
      ]
    `);
  });

  it('re-prompts on a wrong key without a new visit, then leaves through invalid', () => {
    const { snapshot, effects } = drive(menu(), [keys('5'), keys('0')]);
    expect(effects.slice(3)).toMatchInlineSnapshot(`
      [
        "visit test/m",
        "read menu Menü max=1 attempt=1",
        "read menu Menü max=1 attempt=2",
        "visit test/wrong",
        "hangup",
        "end hangup test/wrong",
      ]
    `);
    expect(snapshot.visits).toBe(3);
  });

  it('counts timeouts and wrong keys together', () => {
    const { effects } = drive(menu({ maxAttempts: 3 }), [keys('5'), timeout, timeout]);
    expect(effects.filter((e) => e.startsWith('read'))).toHaveLength(3);
    expect(effects.at(-1)).toBe('end hangup test/late');
  });

  it('counts timeouts and wrong keys separately when asked: each kind has its own attempts', () => {
    const separately = menu({ maxAttempts: 2, countRetries: 'separately' });
    // A wrong key, then a timeout: each the first of its kind, so the menu asks a third time.
    const third = drive(separately, [keys('5'), timeout]);
    expect(third.snapshot).toMatchObject({ attempts: 3, timeouts: 1, waitingFor: 'input' });
    expect(drive(separately, [keys('5'), timeout, keys('1')]).effects.at(-1)).toBe('end hangup test/one');
    // The second timeout leaves through timeout, whatever wrong keys came between.
    expect(drive(separately, [timeout, keys('5'), timeout]).effects.at(-1)).toBe('end hangup test/late');
    // The second wrong key leaves through invalid.
    expect(drive(separately, [keys('5'), timeout, keys('7')]).effects.at(-1)).toBe('end hangup test/wrong');
    // The same keys with the default count together: the second failure already leaves.
    expect(drive(menu({ maxAttempts: 2 }), [keys('5'), timeout]).effects.at(-1)).toBe('end hangup test/late');
  });

  it('tracks the attempt in the snapshot', () => {
    expect(drive(menu({ maxAttempts: 3 }), [timeout]).snapshot).toMatchObject({ attempts: 2, waitingFor: 'input', nodeId: 'm' });
  });

  it('leaves at once with a single attempt', () => {
    expect(drive(menu({ maxAttempts: 1 }), [timeout]).effects.at(-1)).toBe('end hangup test/late');
  });

  it('treats an unconnected digit as invalid', () => {
    expect(drive(menu({ maxAttempts: 1 }), [keys('2')]).effects.at(-1)).toBe('end hangup test/wrong');
  });

  it('dials an allowed extension directly through DIRECT_EXTENSION', () => {
    const { snapshot, effects } = drive(menu({ directDial: ['1002', '1003'] }), [keys('1002'), dialResult('answer')]);
    expect(effects.slice(3)).toMatchInlineSnapshot(`
      [
        "visit test/m",
        "read menu Menü max=4 attempt=1",
        "set DIRECT_EXTENSION=1002",
        "visit test/dial <1002>",
        "dial 1002 20s",
        "end connected test/dial 1002",
      ]
    `);
    expect(snapshot.vars).toEqual({ DIRECT_EXTENSION: '1002' });
  });

  it('takes a key that starts an extension as the key; an extension not allowed is invalid', () => {
    expect(drive(menu({ directDial: ['1002'] }), [keys('1')]).effects.at(-1)).toBe('end hangup test/one');
    expect(drive(menu({ directDial: ['1002'], maxAttempts: 1 }), [keys('1009')]).effects.at(-1)).toBe('end hangup test/wrong');
  });

  it('takes keys typed past a complete entry as not part of it, as WaitExten() does', () => {
    // `1` is complete at a menu of single keys: the `2` after it is not read by this menu.
    const { effects } = drive(menu(), [keys('12')]);
    expect(effects.slice(-3)).toEqual(['visit test/one <1>', 'hangup', 'end hangup test/one']);
    // `3` leads nowhere and is complete at once: invalid, whatever follows.
    expect(drive(menu({ maxAttempts: 1 }), [keys('31')]).effects.at(-1)).toBe('end hangup test/wrong');
    // With 1002 allowed, `1` is not complete yet: `10021` is 1002.
    expect(drive(menu({ directDial: ['1002'] }), [keys('10021'), dialResult('answer')]).snapshot.vars).toEqual({ DIRECT_EXTENSION: '1002' });
  });

  it('puts what it accepts on the read: the connected keys, the direct-dial extensions once, their digit timeout', () => {
    const read = (params: Record<string, unknown>) =>
      startCall(flowLibrary([menu(params)]), 'test', { callerId: '', clock: clockAt(WEDNESDAY) }).effects.find((e) => e.type === 'readInput');
    expect(read({})).toMatchObject({ entries: ['1', '*'] });
    expect(read({})).not.toHaveProperty('digitTimeoutSeconds');
    expect(read({ directDial: ['1002', '1003', '1002'] })).toMatchObject({ entries: ['1', '*', '1002', '1003'], digitTimeoutSeconds: 3, maxDigits: 4 });
  });

  it('ends with callerHangup when the caller hangs up in the menu', () => {
    expect(drive(menu(), [{ type: 'hangup' }]).effects.at(-1)).toBe('end callerHangup test/m');
  });
});
