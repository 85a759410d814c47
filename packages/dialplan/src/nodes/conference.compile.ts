import { PIN_MAX_DIGITS, PIN_PROMPT, PIN_TIMEOUT_SECONDS, promptFile, type NodeOf } from '@stumpfworks/flow';
import { app, labelled, type DialplanContext, type DialplanExtension, type DialplanPriority } from '../ir.js';
import { endEvent, follow, nodeContextOf, type NodeScope } from '../node-scope.js';

/**
 * Conference: with a PIN, Read() it (ended by `#`) and compare it as a string; a wrong PIN or a
 * timeout retries until the attempts are used up, then `wrongPin`. Then ConfBridge(room).
 * With `next` unconnected the end trace comes before ConfBridge(). With `next` connected, an `h`
 * extension reports the `conference` end when the caller hangs up inside ConfBridge(); the flag
 * SWF_IN_CONF keeps a hang-up during the PIN prompt a plain caller hang-up.
 */
export function compileConference(scope: NodeScope<NodeOf<'Conference'>>): DialplanContext[] {
  const { room, pin, maxAttempts } = scope.node.params;
  const final = scope.graph.edge(scope.node.id, 'next') === undefined;
  const join: DialplanPriority[] = final
    ? [endEvent(scope, 'conference'), app('ConfBridge', room), app('Hangup')]
    : [app('Set', 'SWF_IN_CONF=1'), app('ConfBridge', room), app('Set', 'SWF_IN_CONF='), ...follow(scope, 'next')];
  const steps: DialplanPriority[] =
    pin === ''
      ? join
      : [
          app('Set', 'SWF_TRIES=1'),
          { ...app('Read', 'SWF_PIN', promptFile(PIN_PROMPT), String(PIN_MAX_DIGITS), '', '1', String(PIN_TIMEOUT_SECONDS)), label: 'prompt' },
          app('GotoIf', `$["x\${SWF_PIN}" = "x${pin}"]?join`),
          app('GotoIf', `$[\${SWF_TRIES} >= ${maxAttempts}]?wrongPin`),
          app('Set', 'SWF_TRIES=$[${SWF_TRIES}+1]'),
          app('Goto', 'prompt'),
          ...labelled('join', join),
          ...labelled('wrongPin', follow(scope, 'wrongPin')),
        ];
  if (final) return [nodeContextOf(scope, steps)];
  const hangup: DialplanExtension = {
    name: 'h',
    comment: 'the caller hung up inside ConfBridge()',
    priorities: [app('GotoIf', '$["${SWF_IN_CONF}" != "1"]?done'), endEvent(scope, 'conference'), { ...app('NoOp'), label: 'done' }],
  };
  return [nodeContextOf(scope, [app('Set', 'SWF_IN_CONF='), ...steps], [hangup])];
}
