import type { NodeOf } from '@stumpfworks/flow';
import { app, labelled, type DialplanPriority } from '../ir.js';
import { follow, followAnswered, nodeContextOf, type NodeScope } from '../node-scope.js';
import type { DialplanContext } from '../ir.js';

/**
 * Dial. `simultaneous` rings all targets in one Dial(); `sequential` runs one Dial() per target
 * and stops at the first ANSWER, so the last target's DIALSTATUS is the node's result. Option `g`
 * lets the call continue here when the callee hangs up, so `answered` can lead on.
 */
export function compileDial(scope: NodeScope<NodeOf<'Dial'>>): DialplanContext[] {
  const { targets, strategy, ringSeconds } = scope.node.params;
  const ring = String(ringSeconds);
  const dialStrings = targets.map((target) => scope.options.dialString(target));
  const steps: DialplanPriority[] = [];
  if (strategy === 'simultaneous') {
    steps.push(app('Dial', dialStrings.join('&'), ring, 'g'));
  } else {
    dialStrings.forEach((dialString, index) => {
      steps.push(app('Dial', dialString, ring, 'g'));
      if (index < dialStrings.length - 1) steps.push(ifStatus(['ANSWER'], 'answered'));
    });
  }
  steps.push(...dialResult(scope));
  return [nodeContextOf(scope, steps)];
}

/**
 * Maps DIALSTATUS to the outputs: ANSWER -> answered, BUSY -> busy, CHANUNAVAIL and CONGESTION ->
 * unavailable, anything else -> noAnswer; unconnected busy/unavailable fall back per the catalogue.
 */
function dialResult(scope: NodeScope): DialplanPriority[] {
  return [
    ifStatus(['ANSWER'], 'answered'),
    ifStatus(['BUSY'], 'busy'),
    ifStatus(['CHANUNAVAIL', 'CONGESTION'], 'unavailable'),
    ...labelled('noAnswer', follow(scope, 'noAnswer')),
    ...labelled('busy', follow(scope, 'busy')),
    ...labelled('unavailable', follow(scope, 'unavailable')),
    ...labelled('answered', followAnswered(scope)),
  ];
}

/** `GotoIf` to a label when DIALSTATUS is one of the given values. */
export function ifStatus(statuses: string[], label: string): DialplanPriority {
  const test = statuses.map((status) => `"\${DIALSTATUS}" = "${status}"`).join(' | ');
  return app('GotoIf', `$[${test}]?${label}`);
}
