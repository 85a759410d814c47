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
export function recordingInUse(r: Pick<PbxResources, 'extensions' | 'trunks' | 'inboundRoutes'>): boolean {
  return [...r.extensions, ...r.trunks, ...r.inboundRoutes].some((x) => x.recording === 'always' || x.recording === 'onDemand');
}

/** The pjsip endpoint `set_var` that marks the calls of an extension or trunk with its policy. */
export function recordingSetVar(policy: RecordingPolicy | undefined): Array<[string, string]> {
  return policy ? [['set_var', `__${MARK[policy]}=1`]] : [];
}

/** Marks the channel with a policy (an inbound route's), for the decisions further on. */
export function recordingMark(policy: RecordingPolicy | undefined): DialplanPriority[] {
  return policy ? [app('Set', `__${MARK[policy]}=1`)] : [];
}

/** Decides before a dial: the channel's marks and the dialled side's policy (none: only the marks). */
export function recordingDecision(dialled: RecordingPolicy | undefined): DialplanPriority {
  return app('Gosub', RECORDING_CONTEXT, 's', `1(${dialled ?? ''})`);
}

/** `$[...]` true when the mark is set or the argument names the policy. EXISTS() gives only 0 or 1. */
function applies(policy: RecordingPolicy): string {
  return `$[\${EXISTS(\${${MARK[policy]}})} | "\${ARG1}" = "${policy}"]`;
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
