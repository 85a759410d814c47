import { PIN_MAX_DIGITS, PIN_PROMPT, PIN_TIMEOUT_SECONDS, type NodeOf } from '@stumpfworks/flow';
import { readInputEffect } from '../effects.js';
import type { Outcome } from '../types.js';
import { entryOf, retryOr } from './attempts.js';
import { nodeStep, type NodeCall, type Transition } from './transition.js';

type Conference = NodeOf<'Conference'>;

const ask = (call: NodeCall, attempt: number): Transition => ({
  kind: 'wait',
  wait: 'input',
  patch: { attempts: attempt },
  effects: [
    readInputEffect({
      purpose: 'pin',
      prompt: PIN_PROMPT,
      language: call.snapshot.language,
      timeoutSeconds: PIN_TIMEOUT_SECONDS,
      maxDigits: PIN_MAX_DIGITS,
      terminator: '#',
      attempt,
    }),
  ],
});

/** How a call ends in this conference: after it, or by the caller hanging up inside it. */
const outcome = (node: Conference, { snapshot }: NodeCall): Outcome => ({ kind: 'conference', flowId: snapshot.flowId, nodeId: node.id, room: node.params.room });

/** Joins the room; when `next` is unconnected the effect says the call ends there (`endsWith`). */
const join = (node: Conference, call: NodeCall): Transition => {
  const final = call.graph.resolve(node.id, 'next').kind === 'hangup';
  return { kind: 'wait', wait: 'app', effects: [{ type: 'conference', room: node.params.room, ...(final ? { endsWith: outcome(node, call) } : {}) }] };
};

/**
 * Conference: without a PIN the caller joins at once; with one, the right PIN joins and a wrong one
 * or a timeout retries, then → `wrongPin`. After `done` → `next`, or the outcome `conference`.
 */
export const conferenceStep = nodeStep<Conference>({
  enter: (node, call) => (node.params.pin === '' ? join(node, call) : ask(call, 1)),
  waits: ['input', 'app'],
  resume: (node, call, event) => {
    if (event.type === 'done') return { kind: 'follow', output: 'next', unconnected: outcome(node, call) };
    const entry = event.type === 'digits' ? entryOf(event.digits, '#', PIN_MAX_DIGITS) : '';
    if (entry === node.params.pin) return join(node, call);
    return retryOr(call.snapshot.attempts, node.params.maxAttempts, (n) => ask(call, n), 'wrongPin');
  },
  /** At the PIN prompt: the right PIN, a wrong one of the same length, and a timeout. */
  choices: (node) => {
    const { pin } = node.params;
    const zeros = '0'.repeat(pin.length);
    const wrong = zeros === pin ? '1'.repeat(pin.length) : zeros;
    return [{ type: 'digits', digits: `${pin}#` }, { type: 'digits', digits: `${wrong}#` }, { type: 'timeout' }];
  },
  /** Hanging up inside the room ends `conference`; at the PIN prompt it is a plain caller hang-up. */
  onHangup: (node, call) => (call.snapshot.waitingFor === 'app' ? outcome(node, call) : undefined),
});
