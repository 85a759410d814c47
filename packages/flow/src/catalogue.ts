import { collectDigitsNode } from './nodes/collect-digits.node.js';
import { conditionNode } from './nodes/condition.node.js';
import { conferenceNode } from './nodes/conference.node.js';
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
import { setVariableNode } from './nodes/set-variable.node.js';
import { startNode } from './nodes/start.node.js';
import { timeConditionNode } from './nodes/time-condition.node.js';
import { transferExternalNode } from './nodes/transfer-external.node.js';
import { voicemailNode } from './nodes/voicemail.node.js';

/** Every node type, in palette order. */
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
  transferExternalNode,
  gotoFlowNode,
  languageNode,
  hangupNode,
] as const;

export type NodeType = (typeof nodeCatalogue)[number]['type'];
export const NODE_TYPES = nodeCatalogue.map((d) => d.type) as NodeType[];

const byType = new Map<string, NodeTypeDescription>(nodeCatalogue.map((d) => [d.type, d as NodeTypeDescription]));

/** The description of a node type, or undefined for an unknown type. */
export function nodeTypeDescription(type: string): NodeTypeDescription | undefined {
  return byType.get(type);
}

/** The outputs of a concrete node (they can depend on its params, like a menu's direct-dial output). */
export function nodeOutputs(node: { type: string; params: unknown }): OutputDescription[] {
  const description = byType.get(node.type);
  return description ? description.outputs(node.params as never) : [];
}
