import { menuEntryComplete, type CallEvent, type Effect } from '@stumpfworks/engine';

/** How one `readInput` effect reads keys: all of it is on the effect, so the runtime never reads the flow. */
export type KeyReading = Pick<Extract<Effect, { type: 'readInput' }>, 'maxDigits' | 'terminator' | 'timeoutSeconds' | 'entries' | 'digitTimeoutSeconds'>;

/** After a key: the entry is complete (feed it), or wait this long for another key. */
export type KeyDecision = { kind: 'complete'; event: CallEvent } | { kind: 'wait'; seconds: number };

/**
 * What the keys read so far mean, the way Asterisk reads them in the dialplan engine:
 * - with `entries` (menus: Background + WaitExten): an entry that no longer entry starts is
 *   complete at once, whether it is valid or not (`menuEntryComplete`, the rule the engine applies
 *   to a whole run of keys; the engine judges the entry); otherwise wait the digit timeout;
 * - without (digits and PINs: Read): complete on the terminator or at `maxDigits`; otherwise wait
 *   `timeoutSeconds` for the next key.
 *
 * @example
 * afterKey({ maxDigits: 4, timeoutSeconds: 5, entries: ['1', '2', '1002'], digitTimeoutSeconds: 3 }, '1');
 * // { kind: 'wait', seconds: 3 }: `1` may start `1002`
 */
export function afterKey(reading: KeyReading, keys: string): KeyDecision {
  if (reading.entries) {
    if (menuEntryComplete(reading.entries, keys, reading.maxDigits)) return { kind: 'complete', event: { type: 'digits', digits: keys } };
    return { kind: 'wait', seconds: reading.digitTimeoutSeconds ?? reading.timeoutSeconds };
  }
  if ((reading.terminator && keys.endsWith(reading.terminator)) || keys.length >= reading.maxDigits) {
    return { kind: 'complete', event: { type: 'digits', digits: keys } };
  }
  return { kind: 'wait', seconds: reading.timeoutSeconds };
}

/** The silence ran out: no keys is a `timeout`; keys so far are the entry (the engine judges it). */
export function onSilence(keys: string): CallEvent {
  return keys === '' ? { type: 'timeout' } : { type: 'digits', digits: keys };
}
