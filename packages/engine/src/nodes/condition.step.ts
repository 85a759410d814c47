import type { NodeOf } from '@stumpfworks/flow';
import { nodeStep } from './transition.js';

/** Whole-value match: the pattern is anchored at both ends. */
export function matchesWhole(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(value);
}

/**
 * Condition: the caller ID or a variable (unset = empty) against a value. `equals` compares
 * strings exactly (`0049` is not `49`); `regex` must match the whole value.
 */
export const conditionStep = nodeStep<NodeOf<'Condition'>>({
  enter: (node, { snapshot }) => {
    const { subject, operator, value } = node.params;
    const actual = subject === 'callerId' ? snapshot.callerId : (snapshot.vars[subject] ?? '');
    const holds = operator === 'equals' ? actual === value : matchesWhole(value, actual);
    return { kind: 'follow', output: holds ? 'true' : 'false' };
  },
});
