import { describe, expect, it } from 'vitest';
import { menuEntryComplete, menuEntryOf } from './keys.js';

describe('menu entries from keys', () => {
  it.each([
    ['1', ['1', '2'], 1, '1'],
    ['12', ['1', '2'], 1, '1'],
    ['9', ['1', '2'], 1, '9'],
    ['92', ['1', '2'], 1, '9'],
    ['1', ['1', '1002'], 4, '1'],
    ['10', ['1', '1002'], 4, '10'],
    ['1002', ['1', '1002'], 4, '1002'],
    ['10029', ['1', '1002'], 4, '1002'],
    ['13', ['1', '1002'], 4, '13'],
    ['1009', ['1', '1002'], 4, '1009'],
    ['', ['1'], 1, ''],
  ])('%s at a menu of %j (max %i) is %s', (keys, entries, maxDigits, expected) => {
    expect(menuEntryOf(keys, entries, maxDigits)).toBe(expected);
  });

  it('calls keys complete when no longer entry starts with them, or at the most keys', () => {
    expect(menuEntryComplete(['1', '1002'], '1', 4)).toBe(false);
    expect(menuEntryComplete(['1', '1002'], '2', 4)).toBe(true);
    expect(menuEntryComplete(['12345'], '12', 2)).toBe(true);
  });
});
