import type { Transition } from './transition.js';

/**
 * After a failed try at a menu, digit collection or PIN prompt: ask again (same visit) while
 * `attempts < maxAttempts`, else leave through `output`.
 */
export function retryOr(attempts: number, maxAttempts: number, ask: (attempt: number) => Transition, output: string): Transition {
  return attempts < maxAttempts ? ask(attempts + 1) : { kind: 'follow', output };
}

/** The keys of an entry before the terminator, at most `maxDigits` of them (as Asterisk's Read takes them). */
export function entryOf(keys: string, terminator: string, maxDigits: number): string {
  const end = keys.indexOf(terminator);
  return (end < 0 ? keys : keys.slice(0, end)).slice(0, maxDigits);
}
