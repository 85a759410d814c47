import type { z } from 'zod';
import { callFlowNode } from './nodes/call-flow.node.js';
import { collectDigitsNode } from './nodes/collect-digits.node.js';
import { conditionNode } from './nodes/condition.node.js';
import { conferenceNode } from './nodes/conference.node.js';
import { consentNode } from './nodes/consent.node.js';
import { dialNode } from './nodes/dial.node.js';
import { gotoFlowNode } from './nodes/goto-flow.node.js';
import { hangupNode } from './nodes/hangup.node.js';
import { httpRequestNode } from './nodes/http-request.node.js';
import { languageNode } from './nodes/language.node.js';
import { menuNode } from './nodes/menu.node.js';
import type { NodeTypeDescription, OutputDescription } from './nodes/node-type.js';
import { playNode } from './nodes/play.node.js';
import { queueNode } from './nodes/queue.node.js';
import { recordNode } from './nodes/record.node.js';
import { returnNode } from './nodes/return.node.js';
import { setVariableNode } from './nodes/set-variable.node.js';
import { startNode } from './nodes/start.node.js';
import { timeConditionNode } from './nodes/time-condition.node.js';
import { transferExternalNode } from './nodes/transfer-external.node.js';
import { voicemailNode } from './nodes/voicemail.node.js';

/** Every built-in node type, in palette order: a new one is added here (one line). */
export const nodeCatalogue = [
  startNode,
  playNode,
  menuNode,
  collectDigitsNode,
  conditionNode,
  setVariableNode,
  httpRequestNode,
  timeConditionNode,
  dialNode,
  queueNode,
  voicemailNode,
  conferenceNode,
  recordNode,
  consentNode,
  transferExternalNode,
  gotoFlowNode,
  callFlowNode,
  returnNode,
  languageNode,
  hangupNode,
] as const;

export type NodeType = (typeof nodeCatalogue)[number]['type'];
/** The built-in node types' names, in palette order. */
export const NODE_TYPES = nodeCatalogue.map((d) => d.type) as NodeType[];

const all: NodeTypeDescription[] = [...nodeCatalogue];
const byType = new Map<string, NodeTypeDescription>(all.map((d) => [d.type, d]));

/** Every node type: the built-in ones in palette order, then those added by `registerNodeType`. */
export function nodeTypes(): readonly NodeTypeDescription[] {
  return all;
}

/**
 * Adds a node type to the catalogue at run time, after the built-in ones: parsing, validation,
 * the graph and the editor then know it like any other. The engine and the dialplan compiler
 * take its step handler and compiler by their own `registerNodeStep` / `registerNodeCompiler`.
 * A built-in type is added to `nodeCatalogue` instead (statically typed); this is for a type
 * that is not built in, like the test-only sample node that proves a node type needs nothing
 * but its own files (docs/adding-a-node.md).
 *
 * @throws Error when a node type of that name exists.
 */
export function registerNodeType<TType extends string, TParams extends z.ZodType>(description: NodeTypeDescription<TType, TParams>): void {
  if (byType.has(description.type)) throw new Error(`node type "${description.type}" exists already`);
  all.push(description as unknown as NodeTypeDescription);
  byType.set(description.type, description as unknown as NodeTypeDescription);
}

/** The description of a node type, or undefined for an unknown type. */
export function nodeTypeDescription(type: string): NodeTypeDescription | undefined {
  return byType.get(type);
}

/** The outputs of a concrete node (they can depend on its params, like a menu's direct-dial output). */
export function nodeOutputs(node: { type: string; params: unknown }): OutputDescription[] {
  const description = byType.get(node.type);
  return description ? description.outputs(node.params as never) : [];
}
