import { EngineError } from './errors.js';
import { graphOf, requireFlow } from './library.js';
import { nodeStepFor } from './nodes/index.js';
import { enter, finish, requireNode, run, type RunContext } from './run.js';
import type { CallEvent, CallSnapshot, Clock, FlowLibrary, StepResult } from './types.js';
import { fitsWait, WAIT_EVENTS, WAIT_WORDS } from './waits.js';

/**
 * Feeds one event into a call. Pure and deterministic: the input snapshot is never changed, the
 * clock is only read by time conditions, and the effects are returned for the driver to perform.
 * The call runs through nodes that do not wait until it waits or ends.
 *
 * @throws EngineError `call-ended`, `unexpected-event` (an event the current wait does not take),
 *   `unknown-flow`, `unknown-node`, `no-start`.
 * @example
 * let { snapshot, effects } = startCall(flows, 'main', { callerId: '0301234', clock });
 * ({ snapshot, effects } = step(flows, snapshot, { type: 'digits', digits: '1' }, clock));
 */
export function step(flows: FlowLibrary, snapshot: CallSnapshot, event: CallEvent, clock: Clock): StepResult {
  const where = `node "${snapshot.nodeId}" in flow "${snapshot.flowId}"`;
  if (snapshot.status === 'ended') {
    throw new EngineError('call-ended', `the call has ended (${snapshot.outcome?.kind ?? 'no outcome'} at ${where}); no "${event.type}" event can follow`);
  }
  const ctx: RunContext = { flows, clock, effects: [] };
  if (event.type === 'start') {
    if (snapshot.status !== 'running' || snapshot.visits !== 0) {
      throw new EngineError('unexpected-event', `"start" begins a call, but the call is already at ${where}`);
    }
    const entered = enter(ctx, snapshot, snapshot.flowId, snapshot.nodeId);
    return run(ctx, entered.snapshot, entered.transition);
  }
  const node = requireNode(ctx, snapshot.flowId, snapshot.nodeId);
  const wait = snapshot.status === 'waiting' ? snapshot.waitingFor : undefined;
  if (!wait) throw new EngineError('unexpected-event', `${where} (${node.type}) does not wait for an event yet; send "start" first`);
  if (!fitsWait(wait, event)) {
    throw new EngineError(
      'unexpected-event',
      `${where} (${node.type}) waits for ${WAIT_WORDS[wait]} (${WAIT_EVENTS[wait].join(', ')}), not "${event.type}"`,
    );
  }
  const handler = nodeStepFor(node);
  const call = { snapshot, graph: graphOf(requireFlow(flows, snapshot.flowId)), clock };
  if (event.type === 'hangup') {
    // The node may know better (inside a voicemail the call ends `voicemail`); anywhere else `callerHangup`.
    return finish(ctx, snapshot, handler.onHangup?.(node, call) ?? { kind: 'callerHangup', flowId: snapshot.flowId, nodeId: snapshot.nodeId });
  }
  if (!handler.resume) throw new EngineError('unexpected-event', `${where} (${node.type}) never waits, yet the call waits there`);
  return run(ctx, snapshot, handler.resume(node, call, event));
}

/**
 * Begins a call at the Start node of a flow (runs the `start` event).
 *
 * @example
 * const { snapshot, effects } = startCall(flowLibrary([flow]), flow.id, { callerId: '0301234', clock: { now: () => new Date() } });
 */
export function startCall(flows: FlowLibrary, flowId: string, options: { callerId: string; clock: Clock }): StepResult {
  const start = graphOf(requireFlow(flows, flowId)).start;
  if (!start) throw new EngineError('no-start', `flow "${flowId}" has no Start node`);
  const initial: CallSnapshot = {
    status: 'running',
    flowId,
    nodeId: start.id,
    attempts: 0,
    timeouts: 0,
    dialIndex: 0,
    language: 'de',
    callerId: options.callerId,
    vars: {},
    visits: 0,
  };
  return step(flows, initial, { type: 'start' }, options.clock);
}
