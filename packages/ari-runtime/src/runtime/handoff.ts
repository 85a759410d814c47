import type { CallEvent, Effect } from '@stumpfworks/engine';
import { dialedPeer, voicemailOptions, HANDOFF_CONTEXTS, HANDOFF_VARS, strictest, type HandoffKind, type RecordingPolicies, type ResolvedOptions } from '@stumpfworks/dialplan';

/** The effects the runtime hands to the dialplan instead of doing them over ARI. */
export type HandoffEffect = Extract<Effect, { type: 'dial' | 'transfer' | 'queue' | 'voicemail' | 'conference' | 'record' }>;

/** A hand-over: the context to continue into and the variables to set first. */
export interface Handoff {
  kind: HandoffKind;
  context: string;
  vars: Record<string, string>;
}

export function isHandoffEffect(effect: Effect): effect is HandoffEffect {
  return ['dial', 'transfer', 'queue', 'voicemail', 'conference', 'record'].includes(effect.type);
}

/**
 * Why hand over instead of ARI's own operations: Dial(), Queue(), VoiceMail(), ConfBridge() and
 * MixMonitor() then run exactly as in the dialplan engine (same options, same DIALSTATUS and
 * QUEUESTATUS mapping, same queue/voicemail/confbridge configs, the same CDRs), which is what the
 * parity suite compares. ARI would need a bridge, an originate per target, ring-timeout and
 * status bookkeeping, queue logic of our own, and has no voicemail at all.
 */
export function handoffFor(
  effect: HandoffEffect,
  dialing: Pick<ResolvedOptions, 'dialString' | 'transferDialString'>,
  recording?: RecordingPolicies,
): Handoff {
  const to = (kind: HandoffKind, vars: Record<string, string>): Handoff => ({ kind, context: HANDOFF_CONTEXTS[kind], vars });
  switch (effect.type) {
    case 'dial':
      return to('dial', {
        [HANDOFF_VARS.dial]: effect.targets.map((t) => dialing.dialString(t)).join('&'),
        [HANDOFF_VARS.ring]: String(effect.ringSeconds),
        ...recordingVar(recording, () => strictest(effect.targets.map((t) => recording?.extensions[t]))),
      });
    case 'transfer':
      return to('dial', {
        [HANDOFF_VARS.dial]: dialing.transferDialString(effect.number, effect.route),
        [HANDOFF_VARS.ring]: String(effect.ringSeconds),
        ...(recording ? { [HANDOFF_VARS.recording]: '' } : {}),
      });
    case 'queue':
      return to('queue', {
        [HANDOFF_VARS.queue]: effect.queue,
        [HANDOFF_VARS.maxWait]: String(effect.maxWaitSeconds),
        ...recordingVar(recording, () => recording?.queues[effect.queue]),
      });
    case 'voicemail':
      return to('voicemail', { [HANDOFF_VARS.mailbox]: effect.mailbox, [HANDOFF_VARS.greeting]: voicemailOptions(effect.greeting, effect.skipInstructions !== true) });
    case 'conference':
      return to('conference', { [HANDOFF_VARS.room]: effect.room });
    case 'record':
      return to('record', { [HANDOFF_VARS.record]: effect.action });
  }
}

/**
 * SWF_ARI_REC for a dial or queue, with policies in use: the dialled side's policy from the
 * runtime's own table (the strictest of the targets rung at once, as the compiled Dial weighs
 * them), `none` when it has no say. Targets are the flow's own extension ids (a Menu's direct dial
 * included): a caller's keys never reach this value, only which of them is looked up.
 */
function recordingVar(recording: RecordingPolicies | undefined, dialled: () => string | undefined): Record<string, string> {
  return recording ? { [HANDOFF_VARS.recording]: dialled() ?? 'none' } : {};
}

/**
 * The engine event for a hand-over's status: DIALSTATUS as the compiled Dial node maps it
 * (ANSWER, BUSY, CHANUNAVAIL/CONGESTION, else no answer), QUEUESTATUS CONTINUE = answered,
 * anything from VoiceMail/ConfBridge = done. Record feeds nothing (it does not wait). An answer
 * names the target that answered when the dial gave it (`answeringTarget`).
 */
export function resumeEvent(kind: HandoffKind, status: string, answeredBy?: string): CallEvent | undefined {
  switch (kind) {
    case 'dial':
      if (status === 'ANSWER') return { type: 'dialResult', result: 'answer', ...(answeredBy !== undefined ? { answeredBy } : {}) };
      if (status === 'BUSY') return { type: 'dialResult', result: 'busy' };
      if (status === 'CHANUNAVAIL' || status === 'CONGESTION') return { type: 'dialResult', result: 'unavailable' };
      return { type: 'dialResult', result: 'noanswer' };
    case 'queue':
      return { type: 'queueResult', result: status === 'CONTINUE' ? 'answer' : 'overflow' };
    case 'voicemail':
    case 'conference':
      return { type: 'done' };
    case 'record':
      return undefined;
  }
}

/**
 * The target of a dial whose dial string Dial() reported as DIALEDPEERNUMBER (`dialedPeer`, the
 * dialplan compiler's own mapping), or undefined when none is.
 */
export function answeringTarget(targets: readonly string[], peer: string | undefined, dialing: Pick<ResolvedOptions, 'dialString'>): string | undefined {
  if (peer === undefined || peer === '') return undefined;
  return targets.find((target) => dialedPeer(dialing.dialString(target)) === peer);
}
