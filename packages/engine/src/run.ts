import { MAX_CALL_DEPTH, type FlowNode } from '@stumpfworks/flow';
import { EngineError } from './errors.js';
import { graphOf, requireFlow } from './library.js';
import { nodeStepFor } from './nodes/index.js';
import type { Transition } from './nodes/transition.js';
import type { CallSnapshot, Clock, Effect, FlowLibrary, Outcome, StepResult, VisitEdge } from './types.js';

/** Node visits after which a call ends with `loopLimit`. */
export const MAX_VISITS = 500;

/** What a run needs besides the snapshot. `effects` is the step's own, fresh array. */
export interface RunContext {
  flows: FlowLibrary;
  clock: Clock;
  effects: Effect[];
}

/** Outcomes after which the flow itself hangs up (not a bridged call, not a caller who has gone). */
const FLOW_HANGS_UP: ReadonlySet<Outcome['kind']> = new Set(['hangup', 'voicemail', 'conference', 'loopLimit']);

/** Ends the call with an outcome. */
export function finish(ctx: RunContext, snapshot: CallSnapshot, outcome: Outcome): StepResult {
  if (FLOW_HANGS_UP.has(outcome.kind)) ctx.effects.push({ type: 'hangup' });
  ctx.effects.push({ type: 'end', outcome });
  const { waitingFor: _dropped, ...rest } = snapshot;
  return { snapshot: { ...rest, status: 'ended', outcome }, effects: ctx.effects };
}

/** The node of a flow, or an EngineError naming both. */
export function requireNode(ctx: RunContext, flowId: string, nodeId: string): FlowNode {
  const node = graphOf(requireFlow(ctx.flows, flowId)).node(nodeId);
  if (!node) throw new EngineError('unknown-node', `node "${nodeId}" is not in flow "${flowId}"`);
  return node;
}

/** Enters a node: one visit (or the loop guard), then the node's own decision. */
export function enter(ctx: RunContext, snapshot: CallSnapshot, flowId: string, nodeId: string, digits?: string, edge?: VisitEdge) {
  if (snapshot.visits >= MAX_VISITS) {
    const transition: Transition = { kind: 'end', outcome: { kind: 'loopLimit', flowId, nodeId } };
    return { snapshot: { ...snapshot, flowId, nodeId }, transition };
  }
  const node = requireNode(ctx, flowId, nodeId);
  const { waitingFor: _dropped, ...rest } = snapshot;
  const entered: CallSnapshot = { ...rest, status: 'running', flowId, nodeId, visits: snapshot.visits + 1, attempts: 0, timeouts: 0, dialIndex: 0 };
  ctx.effects.push({ type: 'visit', flowId, nodeId, ...(digits !== undefined ? { digits } : {}), ...(edge ? { edge } : {}) });
  const graph = graphOf(requireFlow(ctx.flows, flowId));
  return { snapshot: entered, transition: nodeStepFor(node).enter(node, { snapshot: entered, graph, clock: ctx.clock }) };
}

/** Carries out transitions until the call waits or ends. */
export function run(ctx: RunContext, start: CallSnapshot, first: Transition): StepResult {
  let snapshot = start;
  let transition = first;
  for (;;) {
    if ('effects' in transition) ctx.effects.push(...(transition.effects ?? []));
    if ((transition.kind === 'follow' || transition.kind === 'wait') && transition.patch) {
      snapshot = { ...snapshot, ...transition.patch };
    }
    let next: ReturnType<typeof enter>;
    switch (transition.kind) {
      case 'wait':
        return { snapshot: { ...snapshot, status: 'waiting', waitingFor: transition.wait }, effects: ctx.effects };
      case 'end':
        return finish(ctx, snapshot, transition.outcome);
      case 'follow': {
        const target = graphOf(requireFlow(ctx.flows, snapshot.flowId)).resolve(snapshot.nodeId, transition.output);
        if (target.kind === 'hangup') {
          const hangup: Outcome = { kind: 'hangup', flowId: snapshot.flowId, nodeId: snapshot.nodeId };
          return finish(ctx, snapshot, transition.unconnected ?? hangup);
        }
        const edge = { from: snapshot.nodeId, output: target.output };
        next = enter(ctx, snapshot, snapshot.flowId, target.nodeId, transition.digits, edge);
        break;
      }
      case 'jump':
      case 'call': {
        const from = `${transition.kind === 'jump' ? 'GotoFlow' : 'CallFlow'} "${snapshot.nodeId}" in flow "${snapshot.flowId}"`;
        const start = graphOf(requireFlow(ctx.flows, transition.flowId, from)).start;
        if (!start) throw new EngineError('no-start', `flow "${transition.flowId}" (reached from ${from}) has no Start node`);
        next = enter(ctx, transition.kind === 'call' ? withReturnPoint(snapshot, from) : snapshot, transition.flowId, start.id);
        break;
      }
      case 'return': {
        const returns = snapshot.returns ?? [];
        const back = returns.at(-1);
        if (!back) return finish(ctx, snapshot, { kind: 'hangup', flowId: snapshot.flowId, nodeId: snapshot.nodeId });
        const { returns: _left, ...rest } = snapshot;
        snapshot = { ...rest, flowId: back.flowId, nodeId: back.nodeId, ...(returns.length > 1 ? { returns: returns.slice(0, -1) } : {}) };
        // Leaves the CallFlow node through `next`, as if it had just finished (it is not visited again).
        transition = { kind: 'follow', output: 'next' };
        continue;
      }
    }
    snapshot = next.snapshot;
    transition = next.transition;
  }
}

/** The snapshot with the current node (a CallFlow) as the innermost return point. */
function withReturnPoint(snapshot: CallSnapshot, from: string): CallSnapshot {
  const returns = snapshot.returns ?? [];
  if (returns.length >= MAX_CALL_DEPTH) {
    throw new EngineError('call-depth', `${from} would nest sub-flows more than ${MAX_CALL_DEPTH} deep (validation refuses such flows)`);
  }
  return { ...snapshot, returns: [...returns, { flowId: snapshot.flowId, nodeId: snapshot.nodeId }] };
}
