import { step, startCall } from '../step.js';
import type { CallEvent, CallSnapshot, Clock, Effect, FlowLibrary, StepResult } from '../types.js';
import { effectText, eventText } from './lines.js';
import { DIAL_RESULT_WORDS, QUEUE_RESULT_WORDS, type ScriptToken } from './script.js';
import type { Transcript, TranscriptLine, TranscriptVisit } from './transcript.js';

/** A simulated call so far. Plain data, replaced (never changed) by each event. */
export interface Session {
  flows: FlowLibrary;
  clock: Clock;
  flowId: string;
  at: Date;
  callerId: string;
  snapshot: CallSnapshot;
  effects: Effect[];
  lines: TranscriptLine[];
  visits: TranscriptVisit[];
}

/** Options of a simulated call: the virtual clock's instant and the caller ID. */
export interface CallOptions {
  at: Date;
  callerId: string;
}

function record(session: Session, result: StepResult, event?: CallEvent): Session {
  let place = { flowId: session.snapshot.flowId, nodeId: session.snapshot.nodeId };
  const lines = [...session.lines];
  const visits = [...session.visits];
  const said = event && eventText(event);
  if (said) lines.push({ ...place, kind: 'caller', text: said });
  for (const effect of result.effects) {
    if (effect.type === 'visit') {
      place = { flowId: effect.flowId, nodeId: effect.nodeId };
      visits.push({ ...place, ...(effect.digits !== undefined ? { digits: effect.digits } : {}), ...(effect.edge ? { edge: effect.edge } : {}) });
    }
    const text = effectText(effect);
    if (text && effect.type !== 'visit') lines.push({ ...place, kind: effect.type, text });
  }
  return { ...session, snapshot: result.snapshot, effects: [...session.effects, ...result.effects], lines, visits };
}

/** Starts a simulated call with a virtual clock that stands still at `at`. */
export function begin(flows: FlowLibrary, flowId: string, options: CallOptions): Session {
  const at = new Date(options.at.getTime());
  const clock: Clock = { now: () => new Date(at.getTime()) };
  const empty: Session = {
    flows,
    clock,
    flowId,
    at,
    callerId: options.callerId,
    snapshot: { status: 'running', flowId, nodeId: '', attempts: 0, timeouts: 0, dialIndex: 0, language: 'de', callerId: options.callerId, vars: {}, visits: 0 },
    effects: [],
    lines: [],
    visits: [],
  };
  return record(empty, startCall(flows, flowId, { callerId: options.callerId, clock }));
}

/** Feeds one event. */
export function feed(session: Session, event: CallEvent): Session {
  return record(session, step(session.flows, session.snapshot, event, session.clock), event);
}

/** Feeds `done` while the call waits for a prompt or an application, unless the caller hangs up next. */
export function settle(session: Session, next?: ScriptToken): Session {
  let current = session;
  while (current.snapshot.status === 'waiting' && (current.snapshot.waitingFor === 'prompt' || current.snapshot.waitingFor === 'app')) {
    if (next === 'hangup') return current;
    current = feed(current, { type: 'done' });
  }
  return current;
}

/** The script tokens that move the waiting call on (`hangup` always does, and is left out). */
export function expects(session: Session): string[] {
  switch (session.snapshot.waitingFor) {
    case 'dial':
      return [...DIAL_RESULT_WORDS];
    case 'queue':
      return [...QUEUE_RESULT_WORDS];
    case 'http':
      return ['http:200', 'http:200:{...}', 'http:500', 'http:timeout', 'http:failure'];
    case 'input': {
      // The read under way says which whole entries lead somewhere (a menu's); others take any keys.
      const entries = session.effects.findLast((e) => e.type === 'readInput')?.entries;
      return [...(entries ?? ['digits']), 'timeout'];
    }
    case 'prompt':
    case 'app':
      return ['done'];
    default:
      return [];
  }
}

/** The transcript of a session. */
export function transcriptOf(session: Session): Transcript {
  const { snapshot } = session;
  const waiting = snapshot.status === 'waiting' && snapshot.waitingFor !== undefined;
  return {
    flowId: session.flowId,
    at: session.at.toISOString(),
    callerId: session.callerId,
    visits: session.visits,
    lines: session.lines,
    effects: session.effects,
    ...(snapshot.outcome ? { outcome: snapshot.outcome } : {}),
    status: waiting ? 'waiting' : 'ended',
    ...(waiting
      ? { waitingFor: { flowId: snapshot.flowId, nodeId: snapshot.nodeId, kind: snapshot.waitingFor!, expects: expects(session) } }
      : {}),
  };
}
