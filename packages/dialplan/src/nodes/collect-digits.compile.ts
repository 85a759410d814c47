import { promptFile, type NodeOf } from '@stumpfworks/flow';
import { app, labelled, type DialplanContext } from '../ir.js';
import { follow, nodeContextOf, type NodeScope } from '../node-scope.js';
import { regexMatchTerms } from '../regex-test.js';

/**
 * CollectDigits: Read() into a scratch variable, one attempt per loop. Read() keeps the keys typed
 * before a timeout, so a short entry and an empty one are both checked by length; a pattern is
 * checked as a Condition's regex is (`regexMatchTerms`: the entry read by name only, never
 * evaluated). The flow variable is only set for an accepted entry.
 */
export function compileCollectDigits(scope: NodeScope<NodeOf<'CollectDigits'>>): DialplanContext[] {
  const { prompt, variable, minDigits, maxDigits, terminator, timeoutSeconds, maxAttempts, pattern } = scope.node.params;
  const accepted = [`\${LEN(\${SWF_DIGITS})} >= ${minDigits}`, ...(pattern === '' ? [] : regexMatchTerms('SWF_DIGITS', pattern))];
  const steps = [
    app('Set', 'SWF_TRIES=1'),
    {
      ...app('Read', 'SWF_DIGITS', promptFile(prompt), String(maxDigits), readTerminatorOption(terminator), '1', String(timeoutSeconds)),
      label: 'prompt',
    },
    app('GotoIf', `$[${accepted.join(' & ')}]?ok`),
    app('GotoIf', `$[\${SWF_TRIES} >= ${maxAttempts}]?invalid`),
    app('Set', 'SWF_TRIES=$[${SWF_TRIES}+1]'),
    app('Goto', 'prompt'),
    ...labelled('ok', [app('Set', `${variable}=\${SWF_DIGITS}`), ...follow(scope, 'next')]),
    ...labelled('invalid', follow(scope, 'invalid')),
  ];
  return [nodeContextOf(scope, steps)];
}

/** Read()'s terminator option: `#` is its default; any other key is given with `t(...)`. */
export function readTerminatorOption(terminator: '#' | '*'): string {
  return terminator === '#' ? '' : `t(${terminator})`;
}
