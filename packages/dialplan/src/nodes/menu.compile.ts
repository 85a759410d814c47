import { DIRECT_DIAL_DIGIT_TIMEOUT, menuEntries, promptFile, type NodeOf } from '@stumpfworks/flow';
import { app, labelled, type DialplanContext, type DialplanExtension } from '../ir.js';
import { follow, nodeContextOf, type NodeScope } from '../node-scope.js';

/**
 * Menu: Background() + WaitExten(), one extension per connected key and per direct-dial number,
 * and `i` / `t` that replay the prompt (without a new visit) until the attempts are used up: one
 * counter for both (`countRetries` `together`), or SWF_TIMEOUTS for `t` apart from SWF_TRIES for `i`.
 */
export function compileMenu(scope: NodeScope<NodeOf<'Menu'>>): DialplanContext[] {
  const { node, graph } = scope;
  const { prompt, timeoutSeconds, maxAttempts, countRetries } = node.params;
  const timeoutCounter = countRetries === 'separately' ? 'SWF_TIMEOUTS' : 'SWF_TRIES';
  const { keys: connected, direct } = menuEntries(node, graph);
  const steps = [
    app('Set', 'SWF_TRIES=1'),
    ...(timeoutCounter !== 'SWF_TRIES' ? [app('Set', `${timeoutCounter}=1`)] : []),
    ...(direct.length > 0 ? [app('Set', `TIMEOUT(digit)=${DIRECT_DIAL_DIGIT_TIMEOUT}`)] : []),
    { ...app('Background', promptFile(prompt)), label: 'prompt' },
    app('WaitExten', String(timeoutSeconds)),
  ];
  const keys: DialplanExtension[] = connected.map((digit) => ({ name: digit, priorities: [digitsEvent(scope), ...follow(scope, digit)] }));
  const numbers: DialplanExtension[] = direct.map((number) => ({
    name: number,
    priorities: [digitsEvent(scope), app('Set', 'DIRECT_EXTENSION=${EXTEN}'), ...follow(scope, 'direct')],
  }));
  return [
    nodeContextOf(scope, steps, [
      ...keys,
      ...numbers,
      retry(scope, 'i', 'invalid', maxAttempts, 'SWF_TRIES'),
      retry(scope, 't', 'timeout', maxAttempts, timeoutCounter),
    ]),
  ];
}

/** The keys that chose the next node, for its visit (read by DialplanVisitSource in @stumpfworks/ari-runtime). */
function digitsEvent(scope: NodeScope) {
  return app('UserEvent', 'SWFlowDigits', `flow: ${scope.flowId}`, `node: ${scope.node.id}`, 'digits: ${EXTEN}');
}

/** `i` or `t`: replay the prompt while `counter` (this failure included) is below the attempts, else leave through `output`. */
function retry(scope: NodeScope, name: 'i' | 't', output: 'invalid' | 'timeout', maxAttempts: number, counter: string): DialplanExtension {
  return {
    name,
    priorities: [
      app('GotoIf', `$[\${${counter}} >= ${maxAttempts}]?${output}`),
      app('Set', `${counter}=$[\${${counter}}+1]`),
      app('Goto', 's', 'prompt'),
      ...labelled(output, follow(scope, output)),
    ],
  };
}
