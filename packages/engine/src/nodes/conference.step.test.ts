import { describe, expect, it } from 'vitest';
import { done, drive, keys, testFlow, timeout } from '../testing.js';

const room = (params: Record<string, unknown>, edges: string[] = []) =>
  testFlow(
    [
      { id: 's', type: 'Start' },
      { id: 'c', type: 'Conference', params: { room: '800', ...params } },
      { id: 'after', type: 'Hangup' },
      { id: 'denied', type: 'Hangup' },
    ],
    ['s.next->c', ...edges],
  );

describe('Conference', () => {
  it('joins at once without a PIN and ends with outcome conference', () => {
    expect(drive(room({}), [done]).effects.slice(3)).toMatchInlineSnapshot(`
      [
        "visit test/c",
        "conference 800",
        "hangup",
        "end conference test/c",
      ]
    `);
  });

  it('ends with outcome conference when the caller hangs up in the room', () => {
    expect(drive(room({}, ['c.next->after']), [{ type: 'hangup' }]).effects.slice(-1)).toEqual(['end conference test/c']);
  });

  it('follows next after leaving when it is connected', () => {
    expect(drive(room({}, ['c.next->after']), [done]).effects.at(-1)).toBe('end hangup test/after');
  });

  it('reads the PIN ended by #, and joins on the right one', () => {
    const { effects } = drive(room({ pin: '4711' }), [keys('1234#'), keys('4711#')]);
    expect(effects.slice(3)).toMatchInlineSnapshot(`
      [
        "visit test/c",
        "read pin [conf-getpin] max=12# attempt=1",
        "read pin [conf-getpin] max=12# attempt=2",
        "conference 800",
      ]
    `);
  });

  it('leaves through wrongPin after the last failed attempt (unconnected: hang up)', () => {
    const flow = room({ pin: '4711', maxAttempts: 2 }, ['c.wrongPin->denied']);
    expect(drive(flow, [timeout, keys('0000#')]).effects.at(-1)).toBe('end hangup test/denied');
    expect(drive(room({ pin: '4711', maxAttempts: 1 }), [timeout]).effects.slice(-2)).toEqual(['hangup', 'end hangup test/c']);
  });

  it('counts a hangup during the PIN prompt as callerHangup', () => {
    expect(drive(room({ pin: '4711' }), [{ type: 'hangup' }]).effects.at(-1)).toBe('end callerHangup test/c');
  });
});
