import type { CallHistoryTable } from '../db/tables.js';
import type { CelEvent } from './cel-journal.js';

/**
 * The call history's builder: the CEL events of one call (all its channels, one LINKEDID) in, one
 * call_history row out. Pure; the ingest (history-ingest.ts) gathers the events and writes the row.
 *
 * Parties by channel name: a trunk's channel is `PJSIP/trunk-<id>-<seq>` (pjsip.ts trunkEndpoint),
 * an extension's `PJSIP/<digits>-<seq>`; Local channels are plumbing (the flows' Local legs, a test's
 * originate) and never a person. The caller is the call's first channel (its UNIQUEID is the
 * LINKEDID); when that is a Local channel, its other half (`;2`) runs the dialplan in its place.
 */

const TRUNK_CHANNEL = /^PJSIP\/trunk-(.+)-[0-9a-f]{8}$/;
const EXTENSION_CHANNEL = /^PJSIP\/(\d{1,20})-[0-9a-f]{8}$/;
const LOCAL_CHANNEL = /^Local\//;
/** Hang-up causes that mean the call could not be placed or routed (Q.850: unallocated number, no route, unavailable, congestion ...). */
const FAILED_CAUSES = new Set([1, 2, 3, 20, 21, 22, 27, 28, 34, 38, 41, 42, 44, 47, 58, 65, 66, 79, 88, 102, 111, 127]);
const FAILED_DIALSTATUS = new Set(['CONGESTION', 'CHANUNAVAIL', 'INVALIDARGS']);

/** What the ARI engine stored of the call's node visits (node_visits by channel id), in time order. */
export interface FlowVisit {
  flowId: string;
  flowVersion: number | null;
  nodeId: string;
}

export type CallRow = CallHistoryTable;

/** At most 80 printable characters (a caller's number and name are whatever a trunk sent); control characters become a space. */
export function printable(value: string): string {
  return value.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]+/gu, ' ').trim().slice(0, 80);
}

const isPerson = (channel: string) => !LOCAL_CHANNEL.test(channel) && channel !== '';

/** The `;2` half of a Local channel `Local/x@ctx-<id>;1`. */
const otherHalf = (channel: string) => channel.replace(/;1$/, ';2');

/** The first value of `field` that is not empty (or a mere `s`, the start extension) on one of `channels`, in their order. */
function first(events: CelEvent[], channels: string[], field: 'exten' | 'dnid' | 'cidNum' | 'cidName'): string {
  for (const channel of channels) {
    for (const e of events) if (e.channel === channel && e[field] && !(field === 'exten' && e[field] === 's')) return e[field];
  }
  return '';
}

/** The flow path from the dialplan engine's CELGenUserEvent(SWFlowNode, <flow>/<version>/<node>) marks. */
function celPath(events: CelEvent[]): FlowVisit[] {
  const visits: FlowVisit[] = [];
  for (const e of events) {
    if (e.event !== 'USER_DEFINED' || e.userEvent !== 'SWFlowNode') continue;
    const match = /^([a-z0-9][a-z0-9_-]{0,31})\/(\d*)\/([a-z0-9][a-z0-9_-]{0,31})$/.exec(String(e.extra.extra ?? ''));
    if (match) visits.push({ flowId: match[1]!, flowVersion: match[2] ? Number(match[2]) : null, nodeId: match[3]! });
  }
  return visits;
}

/** Merged length of intervals (ms). */
function covered(intervals: Array<[number, number]>): number {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of sorted) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/**
 * The row of the call whose events these are (any order; sorted by time here), or undefined when
 * the call's start is not among them (the journal was first read in the middle of the call).
 * `visits`: the ARI engine's node visits of the call's channels, used when the dialplan left no marks.
 */
export function buildCall(unsorted: CelEvent[], visits: FlowVisit[] = []): CallRow | undefined {
  const events = [...unsorted].sort((a, b) => a.time - b.time);
  const linkedId = events[0]?.linkedId;
  if (!linkedId) return undefined;
  const starts = events.filter((e) => e.event === 'CHAN_START');
  const callerStart = starts.find((e) => e.uniqueId === linkedId) ?? starts[0];
  if (!callerStart) return undefined;
  const caller = callerStart.channel;
  // A Local caller (an originate) runs its dialplan in its other half; both are "the caller".
  const callerSide = new Set([caller, ...(LOCAL_CHANNEL.test(caller) ? [otherHalf(caller)] : [])]);
  const dialplanSide = LOCAL_CHANNEL.test(caller) ? otherHalf(caller) : caller;
  const channels = [...new Set(starts.map((e) => e.channel))];
  const channelIds = [...new Set(starts.map((e) => e.uniqueId))];

  const trunkOf = (channel: string) => TRUNK_CHANNEL.exec(channel)?.[1];
  const callerTrunk = trunkOf(caller);
  const otherTrunk = channels.filter((c) => !callerSide.has(c)).map(trunkOf).find((t) => t !== undefined);
  const direction: CallRow['direction'] = callerTrunk ? 'inbound' : otherTrunk ? 'outbound' : 'internal';

  // An originated Local caller has no caller ID at its CHAN_START yet: the first one it shows.
  const callerIds = [caller, dialplanSide];
  const called = printable(first(events, [dialplanSide, caller], 'exten') || first(events, [dialplanSide], 'dnid'));

  // Who talked with the caller: the people (not the caller, not Local legs) that entered a bridge.
  const talks: Array<{ channel: string; from: number; to: number }> = [];
  const open = new Map<string, number>();
  for (const e of events) {
    if (callerSide.has(e.channel) || !isPerson(e.channel)) continue;
    if (e.event === 'BRIDGE_ENTER' && !open.has(e.channel)) open.set(e.channel, e.time);
    if ((e.event === 'BRIDGE_EXIT' || e.event === 'HANGUP') && open.has(e.channel)) {
      talks.push({ channel: e.channel, from: open.get(e.channel)!, to: e.time });
      open.delete(e.channel);
    }
  }
  const endedAt = (events.find((e) => e.event === 'LINKEDID_END') ?? events[events.length - 1]!).time;
  for (const [channel, from] of open) talks.push({ channel, from, to: endedAt });
  talks.sort((a, b) => a.from - b.from);
  const firstTalk = talks[0];
  const personOf = (channel: string) => EXTENSION_CHANNEL.exec(channel)?.[1] ?? (trunkOf(channel) !== undefined ? called : printable(first(events, [channel], 'cidNum')));
  const answeredBy = firstTalk ? personOf(firstTalk.channel) : null;

  // The queue: from the Queue app's start to the first person's bridge after it, or the app's end.
  const queueStart = events.find((e) => e.event === 'APP_START' && e.app.toLowerCase() === 'queue');
  const queueId = queueStart ? printable(queueStart.appData.split(',')[0] ?? '') || null : null;
  let waitMs: number | null = null;
  if (queueStart) {
    const agent = talks.find((t) => t.from >= queueStart.time);
    const queueEnd = events.find((e) => e.time >= queueStart.time && e.channel === queueStart.channel && (e.event === 'APP_END' || e.event === 'HANGUP'));
    waitMs = (agent?.from ?? queueEnd?.time ?? endedAt) - queueStart.time;
  }

  const voicemail = events.find((e) => e.event === 'APP_START' && e.app.toLowerCase() === 'voicemail');
  const voicemailBox = voicemail ? printable((voicemail.appData.split(',')[0] ?? '').split('&')[0]!.split('@')[0]!) || null : null;

  const transfer = events.find((e) => e.event === 'BLINDTRANSFER' || e.event === 'ATTENDEDTRANSFER');
  let transferredTo: string | null = null;
  if (transfer?.event === 'BLINDTRANSFER') transferredTo = printable(String(transfer.extra.extension ?? '')) || null;
  else if (transfer) {
    const target = String(transfer.extra.transfer_target_channel_name ?? transfer.extra.channel2_name ?? '');
    transferredTo = printable(EXTENSION_CHANNEL.exec(target)?.[1] ?? target) || null;
  }

  const hangups = events.filter((e) => e.event === 'HANGUP');
  // The caller's own side says how its call ended: a queue member's or a ring group's leg that
  // failed (unreachable) does not make a call the caller gave up on a failed one.
  const callerHangups = hangups.filter((e) => callerSide.has(e.channel));
  const dialStatuses = callerHangups.map((e) => String(e.extra.dialstatus ?? '')).filter(Boolean);
  const causes = callerHangups.map((e) => Number(e.extra.hangupcause ?? 0));
  const outcome: CallRow['outcome'] = firstTalk
    ? 'answered'
    : voicemail
      ? 'voicemail'
      : dialStatuses.includes('BUSY') || causes.includes(17)
        ? 'busy'
        : dialStatuses.some((s) => FAILED_DIALSTATUS.has(s)) || causes.some((c) => FAILED_CAUSES.has(c))
          ? 'failed'
          : callerGaveUp(hangups, caller, dialplanSide)
            ? 'abandoned'
            : 'missed';

  const path = celPath(events);
  const flow = path.length > 0 ? path : visits;
  return {
    linkedid: linkedId,
    started_at: Math.round(callerStart.time),
    answered_at: firstTalk ? Math.round(firstTalk.from) : null,
    ended_at: Math.round(endedAt),
    direction,
    caller: printable(first(events, callerIds, 'cidNum')),
    caller_name: printable(first(events, callerIds, 'cidName')),
    called,
    trunk_id: callerTrunk ?? otherTrunk ?? null,
    flow_id: flow[0]?.flowId ?? null,
    flow_version: flow[0]?.flowVersion ?? null,
    path: flow.length > 0 ? JSON.stringify(flow.map((v) => v.nodeId)) : null,
    answered_by: answeredBy,
    queue_id: queueId,
    wait_ms: waitMs === null ? null : Math.round(waitMs),
    talk_ms: Math.round(covered(talks.map((t) => [t.from, t.to]))),
    outcome,
    voicemail_box: voicemailBox,
    transferred_to: transferredTo,
    channel_ids: JSON.stringify(channelIds),
  };
}

/**
 * Whether the caller hung up before anyone answered (abandoned), not the system (missed). Measured
 * on Asterisk 22: the dialplan's own Hangup() says `hangupsource: dialplan/builtin`; a caller leaving
 * a ringing Dial or a Queue leaves `dialstatus: CANCEL` on the channel that ran it; a Local caller's
 * outer half hangs up first when the caller left, last when the dialplan ended the call. When the
 * ARI engine hangs a Local caller's inner half up (no source), the halves' HANGUPs come microseconds
 * apart in either order: for Local callers (originates, not phones or trunks) that case is a guess.
 */
function callerGaveUp(hangups: CelEvent[], caller: string, dialplanSide: string): boolean {
  const inDialplan = hangups.find((e) => e.channel === dialplanSide);
  if (String(inDialplan?.extra.dialstatus ?? '') === 'CANCEL') return true;
  if (String(inDialplan?.extra.hangupsource ?? '').startsWith('dialplan/')) return false;
  // chan_pjsip names its own channel as the source when the far end hung up (chan_pjsip_session_end).
  if (caller === dialplanSide) return inDialplan !== undefined && String(inDialplan.extra.hangupsource ?? '') === caller;
  const outer = hangups.find((e) => e.channel === caller);
  return outer !== undefined && (inDialplan === undefined || outer.time <= inDialplan.time);
}
