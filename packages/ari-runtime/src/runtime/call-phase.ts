import type { CallEvent } from '@stumpfworks/engine';
import type { KeyReading } from './digit-reader.js';

/** The return from a hand-over: the status the dialplan passed, or the caller hung up meanwhile. */
/** `peer`: a dial's DIALEDPEERNUMBER (who answered), when the hand-over gives it. */
export type HandoffReturn = { kind: 'status'; status: string; peer?: string } | { kind: 'hangup' };

/**
 * Where a call is, as the ARI side sees it: exactly one at a time, so what an event means follows
 * from the phase alone (a PlaybackFinished counts only in `playback` or `input`, a hand-over's
 * return only in `handoff`, a hang-up settles a `handoff` or `http` wait directly).
 *
 * - `busy`: a step's effects are being performed, or the first step is yet to come;
 * - `playback`: a prompt plays; its end feeds `done`;
 * - `input`: keys are read (the prompt plays until the first key stops it); `keys` so far and the
 *   silence timer;
 * - `handoff`: the channel runs a generated dialplan context and comes back with
 *   `Stasis(app,resume,<token>,<status>)`;
 * - `http`: the HTTP request node's request is under way;
 * - `over`: the flow ended, the call failed or it was given up. Final: no event is handled any more.
 */
export type CallPhase =
  | { kind: 'busy' }
  | { kind: 'playback'; playbackId: string }
  | { kind: 'input'; reading: KeyReading; playbackId: string | undefined; keys: string; timer: NodeJS.Timeout | undefined }
  | { kind: 'handoff'; token: string; settle: (r: HandoffReturn) => void }
  | { kind: 'http'; settle: (event: CallEvent) => void }
  | { kind: 'over' };

/** The prompt a phase plays, if any (stopped before the channel leaves Stasis). */
export function playbackOf(phase: CallPhase): string | undefined {
  return phase.kind === 'playback' || phase.kind === 'input' ? phase.playbackId : undefined;
}
