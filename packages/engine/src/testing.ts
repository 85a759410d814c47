/** Helpers for this package's tests: tiny flows, a fixed clock and short effect descriptions. */
import type { Flow } from '@stumpfworks/flow';
import { flowLibrary } from './library.js';
import { step, startCall } from './step.js';
import type { CallEvent, CallSnapshot, Clock, Effect, FlowLibrary } from './types.js';

export { testFlow, tts } from '@stumpfworks/flow';

/** Wednesday 3 June 2026, 10:00 in Berlin: a working day in every state. */
export const WEDNESDAY = new Date('2026-06-03T10:00:00+02:00');

/** A clock that stands still. */
export const clockAt = (at: Date | string): Clock => ({ now: () => new Date(at) });

/** One effect in a few words, for inline snapshots. */
export function brief(e: Effect): string {
  switch (e.type) {
    case 'visit':
      return `visit ${e.flowId}/${e.nodeId}${e.digits !== undefined ? ` <${e.digits}>` : ''}`;
    case 'setLanguage':
      return `language ${e.language}`;
    case 'setVariable':
      return `set ${e.name}=${e.value}`;
    case 'play':
      return `play ${e.text}`;
    case 'readInput':
      return `read ${e.purpose} ${e.text} max=${e.maxDigits}${e.terminator ?? ''} attempt=${e.attempt}`;
    case 'dial':
      return `dial ${e.targets.join('&')} ${e.ringSeconds}s`;
    case 'queue':
      return `queue ${e.queue} ${e.maxWaitSeconds}s`;
    case 'voicemail':
      return `voicemail ${e.mailbox} ${e.greeting}${e.skipInstructions ? ' quiet' : ''}`;
    case 'conference':
      return `conference ${e.room}`;
    case 'record':
      return `record ${e.action}`;
    case 'recordingMark':
      return `recording mark ${e.policy}`;
    case 'transfer':
      return `transfer ${e.number} route=${e.route} ${e.ringSeconds}s`;
    case 'httpRequest':
      return `http ${e.method} ${e.url}${e.body !== undefined ? ` ${e.body}` : ''} ${e.timeoutSeconds}s`;
    case 'end': {
      const o = e.outcome;
      return `end ${o.kind} ${o.flowId}/${o.nodeId}${'target' in o ? ` ${o.target}` : ''}`;
    }
    default:
      return e.type;
  }
}

/** Starts a call and feeds events; returns the last snapshot and every effect, briefly. */
export function drive(
  flows: Flow | Flow[] | FlowLibrary,
  events: CallEvent[],
  options: { clock?: Clock; callerId?: string; flowId?: string } = {},
): { snapshot: CallSnapshot; effects: string[] } {
  const list = Array.isArray(flows) ? flows : 'nodes' in flows ? [flows] : undefined;
  const library = list ? flowLibrary(list) : (flows as FlowLibrary);
  const flowId = options.flowId ?? list?.[0]?.id ?? '';
  const clock = options.clock ?? clockAt(WEDNESDAY);
  let result = startCall(library, flowId, { callerId: options.callerId ?? '0301234567', clock });
  const effects = [...result.effects];
  for (const event of events) {
    result = step(library, result.snapshot, event, clock);
    effects.push(...result.effects);
  }
  return { snapshot: result.snapshot, effects: effects.map(brief) };
}

/** Events, spelled short. */
export const done: CallEvent = { type: 'done' };
export const timeout: CallEvent = { type: 'timeout' };
export const keys = (digits: string): CallEvent => ({ type: 'digits', digits });
export const httpResponse = (status: number, body = ''): CallEvent => ({ type: 'httpResult', result: { kind: 'response', status, body } });
export const httpTimeout: CallEvent = { type: 'httpResult', result: { kind: 'timeout' } };
export const httpFailure: CallEvent = { type: 'httpResult', result: { kind: 'failure' } };
export const dialResult = (result: 'answer' | 'busy' | 'noanswer' | 'unavailable'): CallEvent => ({ type: 'dialResult', result });
