import type { NodeOf } from '@stumpfworks/flow';
import { app, labelled, type DialplanPriority } from '../ir.js';
import { follow, followAnswered, nodeContextOf, type NodeScope } from '../node-scope.js';
import type { DialplanContext } from '../ir.js';
import { dialRecording } from './recording.js';

/**
 * Dial. `simultaneous` rings all targets in one Dial(); `sequential` runs one Dial() per target
 * and stops at the first ANSWER, so the last target's DIALSTATUS is the node's result. Option `g`
 * lets the call continue here when the callee hangs up, so `answered` can lead on.
 * With `answeredBy`, an answer sets that variable to the target whose dial string Dial() reports
 * in DIALEDPEERNUMBER (`dialedPeer`); any other result empties it.
 * With recording policies in use, each Dial() is preceded by the recording decision for the
 * targets it rings (`dialRecording`) and gets its options (the callee's pre-dial handler that
 * gives it the recording keys `*1`/`*2`).
 */
export function compileDial(scope: NodeScope<NodeOf<'Dial'>>): DialplanContext[] {
  const { targets, strategy, ringSeconds } = scope.node.params;
  const ring = String(ringSeconds);
  const dialStrings = targets.map((target) => scope.options.dialString(target));
  const steps: DialplanPriority[] = [];
  const dial = (dialString: string, rung: readonly string[]) => {
    const recording = dialRecording(scope.options.recording, rung);
    steps.push(...recording.before, app('Dial', dialString, ring, `g${recording.options}`));
  };
  if (strategy === 'simultaneous') {
    dial(dialStrings.join('&'), targets);
  } else {
    dialStrings.forEach((dialString, index) => {
      dial(dialString, [targets[index]!]);
      if (index < dialStrings.length - 1) steps.push(ifStatus(['ANSWER'], 'answered'));
    });
  }
  steps.push(...dialResult(scope, dialStrings));
  return [nodeContextOf(scope, steps)];
}

/**
 * What Dial() sets DIALEDPEERNUMBER to when this dial string answers: the resource after the
 * first `/` (app_dial.c splits `tech/resource` so), e.g. `1001` for `PJSIP/1001`. Both sides
 * come from the flow's own targets: a caller never writes them.
 */
export function dialedPeer(dialString: string): string {
  return dialString.slice(dialString.indexOf('/') + 1).trim();
}

/** `answered`: set the answeredBy variable to the target DIALEDPEERNUMBER names (the first when none matches), then go on. */
function answeredBy(variable: string, targets: readonly string[], dialStrings: readonly string[]): DialplanPriority[] {
  const checks = dialStrings.map((dialString, index) =>
    app('GotoIf', `$["\${DIALEDPEERNUMBER}" = "${dialedPeer(dialString)}"]?answeredBy${index}`),
  );
  const sets = targets.flatMap((target, index) => labelled(`answeredBy${index}`, [app('Set', `${variable}=${target}`), app('Goto', 'answeredGo')]));
  return [...checks, app('Set', `${variable}=${targets[0]}`), app('Goto', 'answeredGo'), ...sets];
}

/**
 * Maps DIALSTATUS to the outputs: ANSWER -> answered, BUSY -> busy, CHANUNAVAIL and CONGESTION ->
 * unavailable, anything else -> noAnswer; unconnected busy/unavailable fall back per the catalogue.
 */
function dialResult(scope: NodeScope<NodeOf<'Dial'>>, dialStrings: readonly string[]): DialplanPriority[] {
  const variable = scope.node.params.answeredBy;
  const empty = variable === '' ? [] : [app('Set', `${variable}=`)];
  const answered = variable === '' ? followAnswered(scope) : [...answeredBy(variable, scope.node.params.targets, dialStrings), ...labelled('answeredGo', followAnswered(scope))];
  return [
    ifStatus(['ANSWER'], 'answered'),
    ifStatus(['BUSY'], 'busy'),
    ifStatus(['CHANUNAVAIL', 'CONGESTION'], 'unavailable'),
    ...labelled('noAnswer', [...empty, ...follow(scope, 'noAnswer')]),
    ...labelled('busy', [...empty, ...follow(scope, 'busy')]),
    ...labelled('unavailable', [...empty, ...follow(scope, 'unavailable')]),
    ...labelled('answered', answered),
  ];
}

/** `GotoIf` to a label when DIALSTATUS is one of the given values. */
export function ifStatus(statuses: string[], label: string): DialplanPriority {
  const test = statuses.map((status) => `"\${DIALSTATUS}" = "${status}"`).join(' | ');
  return app('GotoIf', `$[${test}]?${label}`);
}
