import { app, labelled, type DialplanContext, type DialplanPriority } from '../ir.js';
import { RECORDING_DIAL_OPTIONS, recordingDecision } from '../resources/recording.js';

/**
 * The contract between the ARI runtime and the dialplan for the applications the runtime hands
 * back to Asterisk (Dial, Queue, VoiceMail, ConfBridge, MixMonitor). The runtime sets the
 * `SWF_ARI_*` channel variables, continues the channel into one of these contexts at `s,1`, and
 * gets it back through `Stasis(<app>,resume,<token>,<status>)` (a dial adds `,<DIALEDPEERNUMBER>`). If the app is gone by then,
 * Stasis() returns at once and the call goes to the fallback context.
 */

/** The context every `ari` call ends up in when the Stasis app cannot run it (see extensions.conf). */
export const FALLBACK_CONTEXT = 'stumpfworks-fallback';

/** The Stasis app name ARI flows are handed to when CompileOptions give none. */
export const DEFAULT_ARI_APP = 'stumpfworks';

/** The hand-over contexts, one per kind of application. */
export const HANDOFF_CONTEXTS = {
  dial: 'stumpfworks-ari-dial',
  queue: 'stumpfworks-ari-queue',
  voicemail: 'stumpfworks-ari-voicemail',
  conference: 'stumpfworks-ari-conference',
  record: 'stumpfworks-ari-record',
} as const;

export type HandoffKind = keyof typeof HANDOFF_CONTEXTS;

/** The channel variables the runtime sets before a hand-over. */
export const HANDOFF_VARS = {
  /** Matches the `resume` StasisStart to the hand-over that caused it (a stale return is refused). */
  token: 'SWF_ARI_TOKEN',
  /** Dial(): the dial string (`&`-joined for simultaneous targets) and the ring time. */
  dial: 'SWF_ARI_DIAL',
  ring: 'SWF_ARI_RING',
  /** Queue(): the queue and the maximum wait. */
  queue: 'SWF_ARI_QUEUE',
  maxWait: 'SWF_ARI_WAIT',
  /** VoiceMail(): mailbox and options (`u`, `b` or none, `s` without instructions: `voicemailOptions`). */
  mailbox: 'SWF_ARI_MAILBOX',
  greeting: 'SWF_ARI_GREETING',
  /** ConfBridge(): the room. */
  room: 'SWF_ARI_ROOM',
  /**
   * The recording decision before a Dial or Queue (only with recording policies in use): the
   * dialled side's policy as the runtime found it in its policies (`none`: no say, the call's
   * marks decide), or empty for a transfer, which decides in the outbound route as in the
   * dialplan engine.
   */
  recording: 'SWF_ARI_REC',
  /** MixMonitor: `start` or `stop`. */
  record: 'SWF_ARI_RECORD',
  /**
   * Set to `voicemail` / `conference` when the caller hanging up inside the application ends the
   * flow that way: the `h` extension then sends the SWFlowEnd trace (the channel is gone before
   * the runtime could). `SWF_ARI_FLOW` / `SWF_ARI_NODE` name the node for that trace.
   */
  endOnHangup: 'SWF_ARI_END',
  flow: 'SWF_ARI_FLOW',
  node: 'SWF_ARI_NODE',
} as const;

/** The first StasisStart argument of a channel coming back from a hand-over. */
export const RESUME_ARG = 'resume';

const v = (name: string) => `\${${name}}`;

function back(ariApp: string, status: string, ...more: string[]): DialplanPriority[] {
  return [app('Stasis', ariApp, RESUME_ARG, v(HANDOFF_VARS.token), status, ...more), app('Goto', FALLBACK_CONTEXT, 's', '1')];
}

/** `h`: the SWFlowEnd trace of a caller who hung up inside VoiceMail() or ConfBridge(), when asked for. */
function endOnHangup() {
  return {
    name: 'h',
    comment: 'the caller hung up inside the application',
    priorities: [
      app('GotoIf', `$["${v(HANDOFF_VARS.endOnHangup)}" = ""]?done`),
      app('UserEvent', 'SWFlowEnd', `flow: ${v(HANDOFF_VARS.flow)}`, `node: ${v(HANDOFF_VARS.node)}`, `outcome: ${v(HANDOFF_VARS.endOnHangup)}`),
      { ...app('NoOp'), label: 'done' },
    ],
  };
}

/**
 * With recording policies in use: the decision the compiled Dial and Queue nodes make, with the
 * dialled side's policy the runtime set; a transfer (SWF_ARI_REC empty) skips it and dials with
 * no recording options, as the compiled TransferExternal does.
 */
function recordingSteps(recording: boolean, label: string): { before: DialplanPriority[]; options: string } {
  if (!recording) return { before: [], options: '' };
  return {
    before: [
      app('Set', 'SWF_REC_DIAL='),
      app('GotoIf', `$["${v(HANDOFF_VARS.recording)}" = ""]?${label}`),
      recordingDecision(undefined, v(HANDOFF_VARS.recording)),
    ],
    options: RECORDING_DIAL_OPTIONS,
  };
}

/** A priority with a label only when the recording steps jump to it (the files stay as before otherwise). */
function maybeLabelled(recording: boolean, label: string, priority: DialplanPriority): DialplanPriority[] {
  return recording ? labelled(label, [priority]) : [priority];
}

/**
 * The hand-over contexts for the ARI runtime's app `ariApp`. Dial uses option `g` and Queue option
 * `c`, as the compiled nodes do, so the call comes back after the callee or agent hangs up. With
 * `recording` (some resource opts in), Dial and Queue weigh the policies first, as there.
 */
export function handoffContexts(ariApp: string, recording = false): DialplanContext[] {
  const clearEnd = app('Set', `${HANDOFF_VARS.endOnHangup}=`);
  const dialRec = recordingSteps(recording, 'dial');
  const queueRec = recordingSteps(recording, 'queue');
  return [
    {
      name: HANDOFF_CONTEXTS.dial,
      comments: ['ARI runtime hand-over: Dial / TransferExternal, back with DIALSTATUS and who answered (DIALEDPEERNUMBER: our own dial string)'],
      extensions: [
        {
          name: 's',
          priorities: [
            ...dialRec.before,
            ...maybeLabelled(recording, 'dial', app('Dial', v(HANDOFF_VARS.dial), v(HANDOFF_VARS.ring), `g${dialRec.options}`)),
            ...back(ariApp, v('DIALSTATUS'), v('DIALEDPEERNUMBER')),
          ],
        },
      ],
    },
    {
      name: HANDOFF_CONTEXTS.queue,
      comments: ['ARI runtime hand-over: Queue, back with QUEUESTATUS (CONTINUE = answered)'],
      extensions: [
        {
          name: 's',
          priorities: [
            app('Set', 'QUEUESTATUS='),
            ...queueRec.before,
            ...maybeLabelled(recording, 'queue', app('Queue', v(HANDOFF_VARS.queue), `c${queueRec.options}`, '', '', v(HANDOFF_VARS.maxWait))),
            ...back(ariApp, v('QUEUESTATUS')),
          ],
        },
      ],
    },
    {
      name: HANDOFF_CONTEXTS.voicemail,
      comments: ['ARI runtime hand-over: VoiceMail, back with VMSTATUS'],
      extensions: [
        {
          name: 's',
          priorities: [app('VoiceMail', `${v(HANDOFF_VARS.mailbox)}@default`, v(HANDOFF_VARS.greeting)), clearEnd, ...back(ariApp, v('VMSTATUS'))],
        },
        endOnHangup(),
      ],
    },
    {
      name: HANDOFF_CONTEXTS.conference,
      comments: ['ARI runtime hand-over: ConfBridge, back with CONFBRIDGE_RESULT'],
      extensions: [
        { name: 's', priorities: [app('ConfBridge', v(HANDOFF_VARS.room)), clearEnd, ...back(ariApp, v('CONFBRIDGE_RESULT'))] },
        endOnHangup(),
      ],
    },
    {
      name: HANDOFF_CONTEXTS.record,
      comments: ['ARI runtime hand-over: start or stop MixMonitor (file named after the call, as in the dialplan engine)'],
      extensions: [
        {
          name: 's',
          priorities: [
            app('GotoIf', `$["${v(HANDOFF_VARS.record)}" = "stop"]?stop`),
            app('MixMonitor', '${UNIQUEID}.wav'),
            ...back(ariApp, 'STARTED'),
            { ...app('StopMixMonitor'), label: 'stop' },
            ...back(ariApp, 'STOPPED'),
          ],
        },
      ],
    },
  ];
}
