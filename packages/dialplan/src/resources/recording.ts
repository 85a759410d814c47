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
 * always starts MixMonitor with `b` (only while bridged) on the calling channel; on demand sets
 * SWF_REC_DIAL to Dial() options `xX`, which give both parties the features map's automixmon
 * (`*1` starts MixMonitor, `*1` again stops it: asterisk/conf/features.conf); never stops a
 * recording an earlier step started. Marks and file names are written only by this dialplan and
 * by Asterisk (UNIQUEID, EPOCH): no caller-sent value reaches the subroutine.
 *
 * Files go to Asterisk's spool, monitor/: `always-<epoch>-<uniqueid>.wav` and (each `*1`)
 * `ondemand-<epoch>-<uniqueid>.wav`, uniqueid being the calling channel's.
 */

export const RECORDING_CONTEXT = 'stumpfworks-recording';

/** The channel variable (inherited with `__`) that marks a policy of where the call came from. */
const MARK: Record<RecordingPolicy, string> = { never: 'SWF_REC_NEVER', always: 'SWF_REC_ALWAYS', onDemand: 'SWF_REC_ONDEMAND' };

/** The Dial() options the subroutine leaves for the dial that follows it (empty or `xX`). */
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

/** [stumpfworks-recording]: the decision subroutine (see the file comment). */
export function recordingContext(): DialplanContext {
  const priorities: DialplanPriority[] = [
    app('Set', 'SWF_REC_DIAL='),
    app('GotoIf', `${applies('never')}?never`),
    app('GotoIf', `${applies('always')}?always`),
    app('GotoIf', `${applies('onDemand')}?onDemand`),
    // Nobody opted in, or somebody said never: stop what an earlier dial of this call started.
    ...labelled('never', [app('GotoIf', '${EXISTS(${SWF_REC_FILE})}?stop:done')]),
    ...labelled('stop', [app('StopMixMonitor'), app('Set', '__SWF_REC_FILE=')]),
    ...labelled('done', [app('Return')]),
    // One recording per call: a second dial (failover, a flow's next target) keeps the running one.
    ...labelled('always', [app('GotoIf', '${EXISTS(${SWF_REC_FILE})}?done')]),
    app('Set', '__SWF_REC_FILE=always-${EPOCH}-${UNIQUEID}.wav'),
    app('MixMonitor', '${SWF_REC_FILE}', 'b'),
    app('Return'),
    ...labelled('onDemand', [app('Set', 'SWF_REC_DIAL=xX')]),
    app('Set', '__TOUCH_MIXMONITOR_PREFIX=ondemand'),
    app('Set', '__TOUCH_MIXMONITOR=${UNIQUEID}'),
    app('Return'),
  ];
  return {
    name: RECORDING_CONTEXT,
    comments: ['recording policies: never > always > on demand; nobody opted in: not recorded (Gosub before each Dial)'],
    extensions: [{ name: 's', priorities }],
  };
}
