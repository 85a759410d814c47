/**
 * How a run of keys becomes a menu entry, the one rule of every engine (docs/flow-semantics.md,
 * "Keys"): keys count one at a time, and the entry is complete at the first key after which no
 * entry the menu accepts could continue, as Asterisk's WaitExten() decides. The ARI runtime asks
 * after each key; the simulator and path scripts give a whole run of keys at once.
 */

/** True when `keys` are a whole entry: no accepted entry is longer and starts with them, or they are `maxDigits` long. */
export function menuEntryComplete(entries: readonly string[], keys: string, maxDigits: number): boolean {
  return keys.length >= maxDigits || !entries.some((entry) => entry.length > keys.length && entry.startsWith(keys));
}

/**
 * The entry a run of keys makes at a menu: up to the first key that completes one. Keys after it are
 * not part of it (a caller typing ahead: `12` at a menu of single keys is `1`). Keys that never
 * complete one (`10` while `1002` is allowed) are the entry once the silence after them ends it.
 *
 * @example
 * menuEntryOf('12', ['1', '2'], 1); // '1'
 * menuEntryOf('1002', ['1', '1002'], 4); // '1002'
 */
export function menuEntryOf(keys: string, entries: readonly string[], maxDigits: number): string {
  for (let length = 1; length <= keys.length; length++) {
    if (menuEntryComplete(entries, keys.slice(0, length), maxDigits)) return keys.slice(0, length);
  }
  return keys;
}
