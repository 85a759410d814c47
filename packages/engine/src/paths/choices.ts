import { graphOf, requireFlow } from '../library.js';
import { nodeStepFor } from '../nodes/index.js';
import { DIAL_RESULT_WORDS, QUEUE_RESULT_WORDS, scriptToken, type ScriptToken } from '../simulator/script.js';
import type { Session } from '../simulator/session.js';
import type { CallEvent, WaitKind } from '../types.js';

/** What paths try at a wait whose node names no choices of its own: every result the wait takes. */
const WAIT_CHOICES: Record<WaitKind, CallEvent[]> = {
  dial: DIAL_RESULT_WORDS.map((result) => ({ type: 'dialResult', result })),
  queue: QUEUE_RESULT_WORDS.map((result) => ({ type: 'queueResult', result })),
  http: [{ type: 'httpResult', result: { kind: 'failure' } }],
  input: [{ type: 'timeout' }],
  // Prompts and applications end by themselves (the simulator feeds `done`).
  prompt: [],
  app: [],
};

/** The script tokens worth trying at the session's current wait, in a stable order: the waiting node's `choices`, or the wait's. */
export function choicesAt(session: Session): ScriptToken[] {
  const { snapshot, flows, clock } = session;
  if (snapshot.status !== 'waiting' || !snapshot.waitingFor) return [];
  const graph = graphOf(requireFlow(flows, snapshot.flowId));
  const node = graph.node(snapshot.nodeId);
  const choices = node && nodeStepFor(node).choices;
  const events = choices ? choices(node, { snapshot, graph, clock }) : WAIT_CHOICES[snapshot.waitingFor];
  return events.map(scriptToken);
}
