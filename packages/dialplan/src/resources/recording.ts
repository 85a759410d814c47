import { app, labelled, type DialplanContext, type DialplanPriority } from '../ir.js';
import type { PbxResources, RecordingPolicy } from './types.js';

/**
 * Recording policies (never, on demand, always) of extensions, trunks and inbound routes.
 *
 * Precedence, for every call: the policies of the resources the call passes (the calling
 * extension or the trunk it came in on, the inbound route, the dialled extension or the trunk it
 * goes out on) are combined as never > always > on demand; a call no resource opts in for is not
 * recorded. So one "never" (a works council phone, a line whose callers were not told) keeps a
 * call unrecorded whatever the others say, which is what §201 StGB asks for.
 *
 * How: the policies of where a call comes from are marks on its channel, inherited by the
 * channels it dials (pjsip `set_var` of the calling extension or trunk, `Set()` on the inbound
 * route). Before each Dial() of the routing dialplan, the subroutine [stumpfworks-recording]
 * weighs the marks and the dialled side's policy (its argument, written by the compiler):
 * always starts MixMonitor with `b` (only while bridged) on the calling channel; on demand lets
 * the parties start one there with `*1` (and end it with `*1` again); both give the parties `*2`,
 * which pauses the recording and resumes it into the same file ([stumpfworks-recording-keys],
 * features.conf's applicationmap: every key runs on the calling channel, the dialled channel's
 * keys are given by a pre-dial handler `b()` that the subroutine leaves in SWF_REC_DIAL); never
 * stops a recording an earlier step started and gives no keys. Marks, state and file names are
 * written only by this dialplan and by Asterisk (UNIQUEID, EPOCH): no caller-sent value reaches
 * the subroutines.
 *
 * Files go to Asterisk's spool, monitor/: `always-<epoch>-<uniqueid>.wav` and (each `*1`)
 * `ondemand-<epoch>-<uniqueid>.wav`, uniqueid being the calling channel's.
 */

export const RECORDING_CONTEXT = 'stumpfworks-recording';

/** The channel variable (inherited with `__`) that marks a policy of where the call came from. */
const MARK: Record<RecordingPolicy, string> = { never: 'SWF_REC_NEVER', always: 'SWF_REC_ALWAYS', onDemand: 'SWF_REC_ONDEMAND' };

/** The Dial() and Queue() options the subroutine leaves for the dial that follows it (empty or the dialled channel's pre-dial handler `b(...)`). */
export const RECORDING_DIAL_OPTIONS = '${SWF_REC_DIAL}';

/**
 * Whether any resource opts in to recording. Without one, nothing of this is generated: every
 * call stays unrecorded, and the files look as they did before recording policies existed.
 */
export function recordingInUse(r: Pick<PbxResources, 'extensions' | 'trunks' | 'inboundRoutes' | 'queues' | 'consentFlows'>): boolean {
  return r.consentFlows === true || [...r.extensions, ...r.trunks, ...r.inboundRoutes, ...r.queues].some((x) => x.recording === 'always' || x.recording === 'onDemand');
}

/**
 * What a flow's Dial and Queue nodes weigh as the dialled side: the policies of extensions and
 * queues by id (only those that have one). Both engines get the same object: the compiler for
 * the compiled nodes, the ARI runtime for its hand-overs.
 */
export interface RecordingPolicies {
  extensions: Readonly<Record<string, RecordingPolicy>>;
  queues: Readonly<Record<string, RecordingPolicy>>;
}

/** The policies for the flow engines, or undefined while no resource opts in (then nothing of this is generated). */
export function recordingPolicies(r: Pick<PbxResources, 'extensions' | 'trunks' | 'inboundRoutes' | 'queues' | 'consentFlows'>): RecordingPolicies | undefined {
  if (!recordingInUse(r)) return undefined;
  const of = (items: ReadonlyArray<{ id: string; recording?: RecordingPolicy }>) =>
    Object.fromEntries(items.flatMap((x) => (x.recording ? [[x.id, x.recording] as const] : [])));
  return { extensions: of(r.extensions), queues: of(r.queues) };
}

const STRICTNESS: Record<RecordingPolicy, number> = { never: 3, always: 2, onDemand: 1 };

/** The strictest of several policies (never > always > on demand); undefined when none has a say. */
export function strictest(policies: ReadonlyArray<RecordingPolicy | undefined>): RecordingPolicy | undefined {
  let result: RecordingPolicy | undefined;
  for (const p of policies) if (p && (!result || STRICTNESS[p] > STRICTNESS[result])) result = p;
  return result;
}

/** The pjsip endpoint `set_var` that marks the calls of an extension or trunk with its policy. */
export function recordingSetVar(policy: RecordingPolicy | undefined): Array<[string, string]> {
  return policy ? [['set_var', `__${MARK[policy]}=1`]] : [];
}

/** The channel variable (with its `__` inheritance) that marks a call with a policy; its value is `1`. */
export function recordingMarkVariable(policy: RecordingPolicy): string {
  return `__${MARK[policy]}`;
}

/** Marks the channel with a policy (an inbound route's, a Consent node's), for the decisions further on. */
export function recordingMark(policy: RecordingPolicy | undefined): DialplanPriority[] {
  return policy ? [app('Set', `${recordingMarkVariable(policy)}=1`)] : [];
}

/**
 * Decides before a dial: the channel's marks and the dialled side's policy (none: only the marks).
 * `more` is a second argument the subroutine weighs as well: a variable the dialplan itself set
 * (a flow's dial to `${DIRECT_EXTENSION}`, the ARI runtime's hand-over), never a caller's value.
 */
export function recordingDecision(dialled: RecordingPolicy | undefined, more?: string): DialplanPriority {
  return app('Gosub', RECORDING_CONTEXT, 's', `1(${dialled ?? ''}${more === undefined ? '' : `,${more}`})`);
}

/** `$[...]` true when the mark is set or an argument names the policy. EXISTS() gives only 0 or 1. */
function applies(policy: RecordingPolicy): string {
  return `$[\${EXISTS(\${${MARK[policy]}})} | "\${ARG1}" = "${policy}" | "\${ARG2}" = "${policy}"]`;
}

/**
 * The in-call keys' subroutines (asterisk/conf/features.conf, applicationmap). All of them run on
 * the calling channel, where the recording is: its own keys with `self`, the dialled channel's
 * with `peer` (each channel's DYNAMIC_FEATURES names which; the dialled one's is set by its
 * pre-dial handler, the `b()` the subroutine leaves in SWF_REC_DIAL).
 */
export const RECORDING_KEYS_CONTEXT = 'stumpfworks-recording-keys';

/** The features of the applicationmap (features.conf) each side gets: `*1` only on demand, `*2` on demand and always. */
const KEYS = {
  caller: { onDemand: 'swf-record-self#swf-pause-self', always: 'swf-pause-self' },
  callee: { onDemand: 'swf-record-peer#swf-pause-peer', always: 'swf-pause-peer' },
} as const;

/** [stumpfworks-recording]: the decision subroutine (see the file comment). */
export function recordingContext(): DialplanContext {
  const priorities: DialplanPriority[] = [
    app('Set', 'SWF_REC_DIAL='),
    app('Set', 'DYNAMIC_FEATURES='),
    // A recording keyed in with *1 belongs to the bridge it was keyed in: it ends before the next dial.
    app('GotoIf', '$["${SWF_REC_KIND}" != "ondemand"]?decide'),
    app('Gosub', RECORDING_KEYS_CONTEXT, 'end', '1'),
    ...labelled('decide', [app('GotoIf', `${applies('never')}?never`)]),
    app('GotoIf', `${applies('always')}?always`),
    app('GotoIf', `${applies('onDemand')}?onDemand`),
    // Nobody opted in, or somebody said never: stop what an earlier dial of this call started.
    ...labelled('never', [app('GotoIf', '${EXISTS(${SWF_REC_FILE})}?stop:done')]),
    ...labelled('stop', [app('Gosub', RECORDING_KEYS_CONTEXT, 'end', '1')]),
    ...labelled('done', [app('Return')]),
    ...labelled('always', [app('Set', `DYNAMIC_FEATURES=${KEYS.caller.always}`)]),
    app('Set', `SWF_REC_DIAL=b(${RECORDING_KEYS_CONTEXT}^callee-always^1)`),
    // One recording per call: a second dial (failover, a flow's next target) keeps the running (or paused) one.
    app('GotoIf', '${EXISTS(${SWF_REC_FILE})}?done'),
    app('Set', '__SWF_REC_FILE=always-${EPOCH}-${UNIQUEID}.wav'),
    app('Set', 'SWF_REC_KIND=always'),
    app('MixMonitor', '${SWF_REC_FILE}', 'bi(SWF_REC_MIX)'),
    app('Set', 'SWF_REC_STATE=on'),
    app('Return'),
    ...labelled('onDemand', [app('Set', `DYNAMIC_FEATURES=${KEYS.caller.onDemand}`)]),
    app('Set', `SWF_REC_DIAL=b(${RECORDING_KEYS_CONTEXT}^callee-ondemand^1)`),
    app('Return'),
  ];
  return {
    name: RECORDING_CONTEXT,
    comments: ['recording policies: never > always > on demand; nobody opted in: not recorded (Gosub before each Dial)'],
    extensions: [{ name: 's', priorities }],
  };
}

/**
 * [stumpfworks-recording-keys]: `*1` (on demand) starts a recording of the bridge or ends the
 * running or paused one; `*2` pauses the running recording (StopMixMonitor closes the file) and
 * resumes it into the same file (MixMonitor's `a`), so a paused stretch is not in the file at
 * all; `end` is the decision's way to end one; `callee-*` are the dialled channel's pre-dial
 * handlers, which give it its keys. A key only acts on a recording this dialplan started, so
 * none of it records a call whose policy does not allow it; the names are EPOCH and UNIQUEID.
 *
 * The calling channel's state, written only here: SWF_REC_FILE (the file, inherited as before),
 * SWF_REC_KIND (`always` / `ondemand`), SWF_REC_STATE (`on` / `paused`, empty while none runs)
 * and SWF_REC_MIX (MixMonitor's id: only this recording is stopped, not a flow Record node's).
 */
export function recordingKeysContext(): DialplanContext {
  return {
    name: RECORDING_KEYS_CONTEXT,
    comments: ['in-call keys (features.conf applicationmap), run on the calling channel: *1 on demand, *2 pause and resume'],
    extensions: [
      {
        name: 'record',
        priorities: [
          app('GotoIf', '$["${SWF_REC_KIND}" = "ondemand"]?end,1'),
          // An always recording is not the key's to start or stop.
          app('GotoIf', '${EXISTS(${SWF_REC_FILE})}?done'),
          app('Set', '__SWF_REC_FILE=ondemand-${EPOCH}-${UNIQUEID}.wav'),
          app('Set', 'SWF_REC_KIND=ondemand'),
          app('MixMonitor', '${SWF_REC_FILE}', 'bi(SWF_REC_MIX)'),
          app('Set', 'SWF_REC_STATE=on'),
          ...labelled('done', [app('Return')]),
        ],
      },
      {
        name: 'pause',
        priorities: [
          app('GotoIf', '$["${SWF_REC_STATE}" = "paused"]?resume'),
          app('GotoIf', '$["${SWF_REC_STATE}" != "on"]?done'),
          app('StopMixMonitor', '${SWF_REC_MIX}'),
          app('Set', 'SWF_REC_STATE=paused'),
          ...labelled('done', [app('Return')]),
          ...labelled('resume', [app('MixMonitor', '${SWF_REC_FILE}', 'abi(SWF_REC_MIX)')]),
          app('Set', 'SWF_REC_STATE=on'),
          app('Return'),
        ],
      },
      {
        name: 'end',
        // GotoIf, not ExecIf: app_exec is not loaded (asterisk/conf/modules.conf).
        priorities: [
          app('GotoIf', '$["${SWF_REC_STATE}" != "on"]?clear'),
          app('StopMixMonitor', '${SWF_REC_MIX}'),
          ...labelled('clear', [app('Set', '__SWF_REC_FILE=')]), app('Set', 'SWF_REC_KIND='), app('Set', 'SWF_REC_STATE='), app('Return')],
      },
      { name: 'callee-ondemand', priorities: [app('Set', `DYNAMIC_FEATURES=${KEYS.callee.onDemand}`), app('Return')] },
      { name: 'callee-always', priorities: [app('Set', `DYNAMIC_FEATURES=${KEYS.callee.always}`), app('Return')] },
    ],
  };
}
