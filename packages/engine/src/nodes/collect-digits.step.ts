import { collectPatternEntries, isRegexSubject, parseValidRegex, readsOf, RegexMatcher, type NodeOf } from '@stumpfworks/flow';
import { assign, readInputEffect } from '../effects.js';
import type { CallEvent } from '../types.js';
import { entryOf, retryOr } from './attempts.js';
import { nodeStep, type NodeCall, type Transition } from './transition.js';

type Collect = NodeOf<'CollectDigits'>;

/** Digits for sample entries. */
const SAMPLE = '12345678901234567890';

const ask = (node: Collect, call: NodeCall, attempt: number): Transition => ({
  kind: 'wait',
  wait: 'input',
  patch: { attempts: attempt },
  effects: [
    readInputEffect({
      purpose: 'digits',
      prompt: node.params.prompt,
      language: call.snapshot.language,
      timeoutSeconds: node.params.timeoutSeconds,
      maxDigits: node.params.maxDigits,
      terminator: node.params.terminator,
      attempt,
    }),
  ],
});

/**
 * Whether an entry of the right length is accepted: always without a pattern; with one, when the
 * pattern matches the whole entry (a Condition's regex, the same matcher and subject rule).
 */
function fitsPattern(pattern: string, entry: string): boolean {
  return pattern === '' || (isRegexSubject(entry) && new RegexMatcher(parseValidRegex(pattern)).matchesWhole(entry));
}

/**
 * CollectDigits: an entry (keys before the terminator) of `minDigits..maxDigits` keys that matches
 * the pattern (when there is one) sets the variable; an empty, too short or unmatched entry
 * retries while attempts remain, then leaves via `invalid`.
 */
export const collectDigitsStep = nodeStep<Collect>({
  enter: (node, call) => ask(node, call, 1),
  waits: ['input'],
  resume: (node, call, event) => {
    const { terminator, maxDigits, minDigits, maxAttempts, variable, pattern } = node.params;
    const entry = event.type === 'digits' ? entryOf(event.digits, terminator, maxDigits) : '';
    if (entry.length < minDigits || !fitsPattern(pattern, entry)) return retryOr(call.snapshot.attempts, maxAttempts, (n) => ask(node, call, n), 'invalid');
    const { effect, vars } = assign(call.snapshot.vars, variable, entry);
    return { kind: 'follow', output: 'next', effects: [effect], patch: { vars } };
  },
  /**
   * A valid entry, each value a node of the flow compares this variable with (when it fits), an
   * entry too short (when one exists), one of the right length the pattern refuses (when one
   * exists), and a timeout. Short entries get the terminator.
   */
  choices: (node, call) => {
    const { minDigits, maxDigits, terminator, variable, pattern } = node.params;
    const ended = (entry: string) => (entry.length < maxDigits ? entry + terminator : entry);
    const fits = (entry: string) => fitsPattern(pattern, entry);
    const length = Math.min(Math.max(4, minDigits), maxDigits);
    const plain = SAMPLE.slice(0, length);
    // A regex can split entries in ways we cannot solve for; a second, different sample gives it a
    // chance to take the other branch: 123456 and its mirror 345678 differ in every position.
    const mirror = [...plain].reverse().map((d) => String(9 - Number(d))).join('');
    const reads = readsOf(call.graph.flow, variable);
    const fitting = reads.flatMap(({ equals: v }) =>
      v !== undefined && v.length >= minDigits && v.length <= maxDigits && /^[0-9*#]+$/.test(v) && !v.includes(terminator) ? [v] : [],
    );
    const samples = [plain, ...(reads.some((r) => r.pattern !== undefined) ? [mirror] : [])];
    const entries = [...new Set([...samples, ...collectPatternEntries(node.params), ...fitting])].filter(fits);
    const refused = pattern === '' ? [] : [plain, mirror].filter((entry) => !fits(entry)).slice(0, 1);
    const tooShort = minDigits > 1 ? [SAMPLE.slice(0, minDigits - 1)] : [];
    return [...entries, ...refused, ...tooShort]
      .map((entry): CallEvent => ({ type: 'digits', digits: ended(entry) }))
      .concat({ type: 'timeout' });
  },
});

