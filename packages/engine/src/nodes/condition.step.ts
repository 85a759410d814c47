import { CALLER_NUMBER_MAX_BYTES, isRegexSubject, parseValidRegex, RegexMatcher, utf8Length, type NodeOf } from '@stumpfworks/flow';
import { nodeStep } from './transition.js';

/**
 * Whether a regex condition holds: the value has only characters of the subject alphabet and at
 * most `REGEX_SUBJECT_MAX_LENGTH` of them, and the pattern matches all of it. The matcher runs in
 * linear time, so no caller's value can make a pattern backtrack.
 */
export function regexConditionHolds(pattern: string, value: string): boolean {
  return isRegexSubject(value) && new RegexMatcher(parseValidRegex(pattern)).matchesWhole(value);
}

/**
 * Condition: the caller ID or a variable (unset = empty) against a value. `equals` compares
 * strings exactly (`0049` is not `49`); `regex` must match the whole value (`regexConditionHolds`).
 * A caller number longer than CALLER_NUMBER_MAX_BYTES satisfies neither (Asterisk reads a cut copy).
 */
export const conditionStep = nodeStep<NodeOf<'Condition'>>({
  enter: (node, { snapshot }) => {
    const { subject, operator, value } = node.params;
    const actual = subject === 'callerId' ? snapshot.callerId : (snapshot.vars[subject] ?? '');
    const readable = subject !== 'callerId' || utf8Length(actual) <= CALLER_NUMBER_MAX_BYTES;
    const holds = readable && (operator === 'equals' ? actual === value : regexConditionHolds(value, actual));
    return { kind: 'follow', output: holds ? 'true' : 'false' };
  },
});
