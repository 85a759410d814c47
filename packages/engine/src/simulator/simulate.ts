import { SimulationError } from '../errors.js';
import type { CallEvent, WaitKind } from '../types.js';
import { WAIT_WORDS } from '../waits.js';
import { answeredByOf, httpTokenResult, isKeys, type ScriptToken } from './script.js';
import { begin, expects, feed, settle, transcriptOf, type CallOptions, type Session } from './session.js';
import type { Transcript } from './transcript.js';

/** The event a script token means at a wait, or undefined when it does not fit there. */
export function tokenEvent(token: ScriptToken, wait: WaitKind): CallEvent | undefined {
  if (token === 'hangup') return { type: 'hangup' };
  switch (wait) {
    case 'input':
      if (token === 'timeout') return { type: 'timeout' };
      return isKeys(token) ? { type: 'digits', digits: token } : undefined;
    case 'dial': {
      const answeredBy = answeredByOf(token);
      if (answeredBy !== undefined) return { type: 'dialResult', result: 'answer', answeredBy };
      return token === 'answer' || token === 'busy' || token === 'noanswer' || token === 'unavailable'
        ? { type: 'dialResult', result: token }
        : undefined;
    }
    case 'queue':
      return token === 'answer' || token === 'overflow' ? { type: 'queueResult', result: token } : undefined;
    case 'http': {
      const result = httpTokenResult(token);
      return result ? { type: 'httpResult', result } : undefined;
    }
    default:
      return undefined;
  }
}

/** Applies token number `position` (1-based) to a settled session; `next` is the token after it. */
export function applyToken(session: Session, token: ScriptToken, position: number, next?: ScriptToken): Session {
  const { snapshot } = session;
  if (snapshot.status !== 'waiting' || !snapshot.waitingFor) {
    const end = snapshot.outcome ? `${snapshot.outcome.kind} at node "${snapshot.outcome.nodeId}"` : 'no outcome';
    throw new SimulationError('call-ended', `event ${position} ("${token}") comes after the call ended (${end})`, position);
  }
  const event = tokenEvent(token, snapshot.waitingFor);
  if (!event) {
    throw new SimulationError(
      'token-mismatch',
      `event ${position} ("${token}") does not fit: the call waits for ${WAIT_WORDS[snapshot.waitingFor]} at node "${snapshot.nodeId}" (${expects(session).join(', ')})`,
      position,
    );
  }
  return settle(feed(session, event), next);
}

/**
 * Runs a call through an event script with a virtual clock standing at `options.at`. Prompt and
 * application waits get `done` automatically (unless the next token is `hangup`). When the script
 * runs out while the call waits for keys, a dial or a queue, the transcript's status is `waiting`.
 *
 * @throws SimulationError `token-mismatch` or `call-ended`; EngineError for a broken flow library.
 * @example
 * simulate(flows, 'musterfirma', parseScript('2, busy'), { at: new Date('2026-06-03T10:00:00+02:00'), callerId: '0301234' });
 */
export function simulate(flows: Parameters<typeof begin>[0], flowId: string, tokens: ScriptToken[], options: CallOptions): Transcript {
  let session = settle(begin(flows, flowId, options), tokens[0]);
  tokens.forEach((token, i) => {
    session = applyToken(session, token, i + 1, tokens[i + 1]);
  });
  return transcriptOf(session);
}
