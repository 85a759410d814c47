import type { FlowGraph, NodeBase } from '@stumpfworks/flow';
import { app, type DialplanContext, type DialplanExtension, type DialplanPriority } from './ir.js';
import { nodeContext } from './names.js';
import type { ResolvedOptions } from './options.js';

/** The outcomes the dialplan reports with `SWFlowEnd` (a caller hanging up is the absence of one). */
export type EndOutcome = 'hangup' | 'connected' | 'voicemail' | 'conference';

/** Everything a node compiler reads: the node, its flow's graph and the options. */
export interface NodeScope<N extends NodeBase = NodeBase> {
  flowId: string;
  node: N;
  graph: FlowGraph;
  options: ResolvedOptions;
}

/** A context a node makes besides its own, by name, with what it is for (for the context-clash check). */
export interface ExtraContext {
  name: string;
  what: string;
}

/** One node type's compiler: all the dialplan compiler needs to know about the type. */
export interface NodeCompiler<N extends NodeBase = NodeBase> {
  /** The node's contexts: its own (`nodeContextOf`) first, then any more it needs. */
  compile(scope: NodeScope<N>): DialplanContext[];
  /** The names of the contexts `compile` makes besides the node's own (checked for clashes before compiling). */
  extraContexts?(flowId: string, node: N): ExtraContext[];
}

/** The visit trace every node context starts with; `version: <n>` when the options give the flow's version. */
export function visitEvent(scope: NodeScope): DialplanPriority {
  const version = scope.options.flowVersions[scope.flowId];
  return app('UserEvent', 'SWFlowNode', `flow: ${scope.flowId}`, `node: ${scope.node.id}`, ...(version === undefined ? [] : [`version: ${version}`]));
}

/**
 * The same visit as a CEL event in Asterisk's own journal (cel_custom.conf): the call history's
 * path (apps/server/src/history) then holds even for a call that ends while the server is down.
 * Extra: `<flow>/<version>/<node>` (ids are slugs, never a caller's value; no version: empty).
 */
export function visitCelEvent(scope: NodeScope): DialplanPriority {
  const version = scope.options.flowVersions[scope.flowId];
  return app('CELGenUserEvent', 'SWFlowNode', `${scope.flowId}/${version ?? ''}/${scope.node.id}`);
}

/** The end trace, sent just before the flow hangs up or hands the caller to a final application. */
export function endEvent(scope: NodeScope, outcome: EndOutcome): DialplanPriority {
  return app('UserEvent', 'SWFlowEnd', `flow: ${scope.flowId}`, `node: ${scope.node.id}`, `outcome: ${outcome}`);
}

/** Ends the call here: the end trace, then Hangup(). */
export function endCall(scope: NodeScope, outcome: EndOutcome): DialplanPriority[] {
  return [endEvent(scope, outcome), app('Hangup')];
}

/** Jumps to another node of the same flow. */
export function gotoNode(flowId: string, nodeId: string): DialplanPriority {
  return app('Goto', nodeContext(flowId, nodeId), 's', '1');
}

/**
 * Leaves the node through an output: to the node it is connected to, or, when it is unconnected,
 * wherever the catalogue's fallback rule leads (`graph.resolve`), which may be hanging up.
 */
export function follow(scope: NodeScope, output: string): DialplanPriority[] {
  const target = scope.graph.resolve(scope.node.id, output);
  const connected = scope.graph.edge(scope.node.id, output) !== undefined;
  const block = target.kind === 'node' ? [gotoNode(scope.flowId, target.nodeId)] : endCall(scope, 'hangup');
  return connected ? block : note(block, `"${output}" is unconnected`);
}

/** The `answered` output of Dial, Queue and TransferExternal: unconnected, the call ends as connected. */
export function followAnswered(scope: NodeScope): DialplanPriority[] {
  if (scope.graph.edge(scope.node.id, 'answered') !== undefined) return follow(scope, 'answered');
  return note(endCall(scope, 'connected'), '"answered" is unconnected');
}

function note(block: DialplanPriority[], text: string): DialplanPriority[] {
  const [first, ...rest] = block;
  return first ? [{ ...first, comment: text }, ...rest] : block;
}

/**
 * The node's own context: the `s` extension starts with the visit trace, then runs `steps`.
 * `extensions` come after `s` (menu keys, `i`, `t`, `h`).
 */
export function nodeContextOf(scope: NodeScope, steps: DialplanPriority[], extensions: DialplanExtension[] = []): DialplanContext {
  const { node } = scope;
  const label = node.label === undefined || node.label === '' ? '' : ` "${node.label}"`;
  return {
    name: nodeContext(scope.flowId, node.id),
    comments: [`node ${node.id} (${node.type})${label}`],
    extensions: [{ name: 's', priorities: [visitEvent(scope), visitCelEvent(scope), ...steps] }, ...extensions],
  };
}
