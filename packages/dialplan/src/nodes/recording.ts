import { app, type DialplanPriority } from '../ir.js';
import { RECORDING_DIAL_OPTIONS, recordingDecision, strictest, type RecordingPolicies } from '../resources/recording.js';

/** The menu's direct-dial target: its policy is looked up when the call dials it. */
const DIRECT = '${DIRECT_EXTENSION}';
/** Set by the lookup below from the flow's own extension ids and policies, for the decision's second argument. */
const DIRECT_POLICY = 'SWF_REC_DIRECT';

/**
 * A flow's dial weighs the recording policies as the routing's dials do (resources/recording.ts):
 * the priorities before its Dial() and the options its Dial() adds. Nothing while no resource
 * opts in (`policies` undefined). The dialled side is the strictest policy of the targets rung at
 * once: who of them answers is not known before Dial(), and a `never` among them must hold.
 *
 * `${DIRECT_EXTENSION}` is set only by a Menu, to one of its direct-dial extensions (the variable
 * is reserved), so comparing it between quotes with the extension ids that have a policy is safe;
 * it picks that extension's policy into SWF_REC_DIRECT, the subroutine's second argument.
 */
export function dialRecording(policies: RecordingPolicies | undefined, targets: readonly string[]): { before: DialplanPriority[]; options: string } {
  if (!policies) return { before: [], options: '' };
  const fixed = strictest(targets.filter((t) => t !== DIRECT).map((t) => policies.extensions[t]));
  if (!targets.includes(DIRECT)) return { before: [recordingDecision(fixed)], options: RECORDING_DIAL_OPTIONS };
  // IF() and not ExecIf: app_exec is not loaded (asterisk/conf/modules.conf), and a missing application hangs the call up.
  const lookup = Object.entries(policies.extensions).map(([id, policy]) => app('Set', `${DIRECT_POLICY}=\${IF($["${DIRECT}" = "${id}"]?${policy}:\${${DIRECT_POLICY}})}`));
  return {
    before: [app('Set', `${DIRECT_POLICY}=`), ...lookup, recordingDecision(fixed, `\${${DIRECT_POLICY}}`)],
    options: RECORDING_DIAL_OPTIONS,
  };
}

/** A flow's Queue(): the queue's policy is the dialled side (the agent who answers is not known before). */
export function queueRecording(policies: RecordingPolicies | undefined, queue: string): { before: DialplanPriority[]; options: string } {
  if (!policies) return { before: [], options: '' };
  return { before: [recordingDecision(policies.queues[queue])], options: RECORDING_DIAL_OPTIONS };
}
