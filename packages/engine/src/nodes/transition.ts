import type { FlowGraph, FlowNode, NodeBase } from '@stumpfworks/flow';
import type { CallEvent, CallSnapshot, Clock, Effect, Outcome, WaitKind } from '../types.js';

/** The parts of a snapshot a node may change. */
export type SnapshotPatch = Partial<Pick<CallSnapshot, 'attempts' | 'timeouts' | 'dialIndex' | 'language' | 'vars'>>;

/** What a node decides after it is entered or after an event: the run loop carries it out. */
export type Transition =
  /** Leave through an output. `digits` are the keys that chose it; `unconnected` overrides "hang up". */
  | { kind: 'follow'; output: string; effects?: Effect[]; patch?: SnapshotPatch; digits?: string; unconnected?: Outcome }
  /** Stay at this node until the next event. */
  | { kind: 'wait'; wait: WaitKind; effects?: Effect[]; patch?: SnapshotPatch }
  /** End the call here. */
  | { kind: 'end'; outcome: Outcome; effects?: Effect[] }
  /** Continue at the Start node of another flow. */
  | { kind: 'jump'; flowId: string }
  /** Run another flow from its Start node; its Return node continues at this node's `next` output. */
  | { kind: 'call'; flowId: string }
  /** Go back to the CallFlow node that called this flow (none: hang up). */
  | { kind: 'return' };

/** What a node handler can read: the call, its flow's graph and the clock. */
export interface NodeCall {
  snapshot: CallSnapshot;
  graph: FlowGraph;
  clock: Clock;
}

/**
 * One handler per node type: what happens on entering it, and on each event while it waits. All
 * the engine, the simulator and path enumeration need to know about a node type is here.
 */
export interface NodeStep<N extends NodeBase = FlowNode> {
  enter(node: N, call: NodeCall): Transition;
  /** The waits the node's `wait` transitions use (the simulator offers their controls); none for a node that never waits. */
  waits?: readonly WaitKind[];
  /** Only for nodes that wait; `hangup` never reaches it. */
  resume?(node: N, call: NodeCall, event: CallEvent): Transition;
  /**
   * The events path enumeration tries while the node waits, in order (a menu's keys, one invalid
   * key and a timeout). Default: every result of the wait (`choicesAt`).
   */
  choices?(node: N, call: NodeCall): CallEvent[];
  /** How the call ends when the caller hangs up while the node waits (inside a voicemail: `voicemail`). Default `callerHangup`. */
  onHangup?(node: N, call: NodeCall): Outcome | undefined;
}

/** Declares a handler with its node type checked. */
export function nodeStep<N extends NodeBase>(handler: NodeStep<N>): NodeStep<N> {
  return handler;
}
