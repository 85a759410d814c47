import type { NodeOf } from '@stumpfworks/flow';
import { app, labelled, type DialplanContext } from '../ir.js';
import { follow, nodeContextOf, type NodeScope } from '../node-scope.js';

/**
 * Condition: `equals` is a string comparison (the `x` prefix keeps Asterisk from comparing
 * numerically, so `0049` is not `49`); `regex` matches the whole value with REGEX() (POSIX ERE).
 */
export function compileCondition(scope: NodeScope<NodeOf<'Condition'>>): DialplanContext[] {
  const { params } = scope.node;
  const subject = params.subject === 'callerId' ? '${CALLERID(num)}' : `\${${params.subject}}`;
  const test =
    params.operator === 'equals' ? `$["x${subject}" = "x${params.value}"]` : `\${REGEX("^(${params.value})$" ${subject})}`;
  const steps = [app('GotoIf', `${test}?true`), ...follow(scope, 'false'), ...labelled('true', follow(scope, 'true'))];
  return [nodeContextOf(scope, steps)];
}
