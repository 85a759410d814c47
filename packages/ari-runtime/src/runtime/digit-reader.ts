import type { CallEvent, Effect } from '@stumpfworks/engine';
import { DIRECT_DIAL_DIGIT_TIMEOUT } from '@stumpfworks/dialplan';
import { buildGraph, MENU_DIGITS, type Flow } from '@stumpfworks/flow';

/** How one `readInput` reads keys. */
export interface InputSpec {
  purpose: 'menu' | 'digits' | 'pin';
  maxDigits: number;
  terminator?: '#' | '*';
  /** Seconds of silence after the prompt (and, for digits and PINs, between keys). */
  timeoutSeconds: number;
  /** Menus: the whole entries that lead somewhere (connected keys and direct-dial numbers). */
  entries?: string[];
  /** Menus: seconds to wait for a further key when the keys so far start a longer entry. */
  digitTimeoutSeconds?: number;
}

/** After a key: the entry is complete (feed it), or wait this long for another key. */
export type KeyDecision = { kind: 'complete'; event: CallEvent } | { kind: 'wait'; seconds: number };

/**
 * What the keys read so far mean, the way Asterisk reads them in the dialplan engine:
 * - menus (Background + WaitExten): an entry that no longer entry starts is complete at once,
 *   whether it is valid or not (the engine judges it); otherwise wait the digit timeout;
 * - digits and PINs (Read): complete on the terminator or at `maxDigits`; otherwise wait
 *   `timeoutSeconds` for the next key.
 *
 * @example
 * afterKey({ purpose: 'menu', maxDigits: 4, timeoutSeconds: 5, entries: ['1', '2', '1002'], digitTimeoutSeconds: 3 }, '1');
 * // { kind: 'wait', seconds: 3 }: `1` may start `1002`
 */
export function afterKey(spec: InputSpec, keys: string): KeyDecision {
  if (spec.purpose === 'menu') {
    const longer = (spec.entries ?? []).some((entry) => entry.length > keys.length && entry.startsWith(keys));
    if (!longer || keys.length >= spec.maxDigits) return { kind: 'complete', event: { type: 'digits', digits: keys } };
    return { kind: 'wait', seconds: spec.digitTimeoutSeconds ?? spec.timeoutSeconds };
  }
  if ((spec.terminator && keys.endsWith(spec.terminator)) || keys.length >= spec.maxDigits) {
    return { kind: 'complete', event: { type: 'digits', digits: keys } };
  }
  return { kind: 'wait', seconds: spec.timeoutSeconds };
}

/** The silence ran out: no keys is a `timeout`; keys so far are the entry (the engine judges it). */
export function onSilence(keys: string): CallEvent {
  return keys === '' ? { type: 'timeout' } : { type: 'digits', digits: keys };
}

/**
 * How to read the keys of a `readInput` effect. For a menu the allowed entries are its connected
 * digit outputs and its direct-dial numbers; with direct dial, a key that starts a longer entry
 * waits DIRECT_DIAL_DIGIT_TIMEOUT (the dialplan's TIMEOUT(digit)) for the next.
 */
export function inputSpecFor(effect: Extract<Effect, { type: 'readInput' }>, flow: Flow, nodeId: string): InputSpec {
  const spec: InputSpec = {
    purpose: effect.purpose,
    maxDigits: effect.maxDigits,
    timeoutSeconds: effect.timeoutSeconds,
    ...(effect.terminator ? { terminator: effect.terminator } : {}),
  };
  if (effect.purpose !== 'menu') return spec;
  const node = flow.nodes.find((n) => n.id === nodeId);
  const direct = node?.type === 'Menu' ? node.params.directDial : [];
  const digits = buildGraph(flow)
    .connectedOutputs(nodeId)
    .filter((o) => (MENU_DIGITS as readonly string[]).includes(o));
  return { ...spec, entries: [...digits, ...direct], ...(direct.length > 0 ? { digitTimeoutSeconds: DIRECT_DIAL_DIGIT_TIMEOUT } : {}) };
}
