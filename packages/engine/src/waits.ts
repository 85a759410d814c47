import type { Flow } from '@stumpfworks/flow';
import { nodeStepFor } from './nodes/index.js';
import type { CallEvent, WaitKind } from './types.js';

/** The events each wait accepts; `hangup` is accepted everywhere. */
export const WAIT_EVENTS: Record<WaitKind, ReadonlyArray<CallEvent['type']>> = {
  prompt: ['done', 'hangup'],
  app: ['done', 'hangup'],
  input: ['digits', 'timeout', 'hangup'],
  dial: ['dialResult', 'hangup'],
  queue: ['queueResult', 'hangup'],
  http: ['httpResult', 'hangup'],
};

/** What a wait is waiting for, in words, for error messages. */
export const WAIT_WORDS: Record<WaitKind, string> = {
  prompt: 'a prompt to finish',
  app: 'an application to finish',
  input: 'keys',
  dial: 'a dial result',
  queue: 'a queue result',
  http: 'an HTTP response',
};

/** True when the event is one the wait accepts. */
export function fitsWait(wait: WaitKind, event: CallEvent): boolean {
  return WAIT_EVENTS[wait].includes(event.type);
}

/** The waits the nodes of a flow can enter (their step handlers' `waits`): what a simulator needs controls for. */
export function waitsOf(flow: Flow): Set<WaitKind> {
  return new Set(flow.nodes.flatMap((node) => nodeStepFor(node).waits ?? []));
}
