import { nodeTypeDescription, type FlowNode, type NodeBase, type NodeOf } from '@stumpfworks/flow';
import { EngineError } from '../errors.js';
import { callFlowStep } from './call-flow.step.js';
import { collectDigitsStep } from './collect-digits.step.js';
import { conditionStep } from './condition.step.js';
import { conferenceStep } from './conference.step.js';
import { dialStep } from './dial.step.js';
import { gotoFlowStep } from './goto-flow.step.js';
import { hangupStep } from './hangup.step.js';
import { httpRequestStep } from './http-request.step.js';
import { languageStep } from './language.step.js';
import { menuStep } from './menu.step.js';
import { playStep } from './play.step.js';
import { consentStep } from './consent.step.js';
import { queueStep } from './queue.step.js';
import { recordStep } from './record.step.js';
import { returnStep } from './return.step.js';
import { setVariableStep } from './set-variable.step.js';
import { startStep } from './start.step.js';
import { timeConditionStep } from './time-condition.step.js';
import type { NodeStep } from './transition.js';
import { transferExternalStep } from './transfer-external.step.js';
import { voicemailStep } from './voicemail.step.js';

/** One handler per built-in node type (a new one is added here, one line); the mapped type makes a missing one a compile error. */
const NODE_STEPS: { [T in FlowNode['type']]: NodeStep<NodeOf<T>> } = {
  Start: startStep,
  Play: playStep,
  Menu: menuStep,
  CollectDigits: collectDigitsStep,
  Condition: conditionStep,
  SetVariable: setVariableStep,
  HttpRequest: httpRequestStep,
  TimeCondition: timeConditionStep,
  Dial: dialStep,
  Queue: queueStep,
  Voicemail: voicemailStep,
  Conference: conferenceStep,
  Record: recordStep,
  Consent: consentStep,
  TransferExternal: transferExternalStep,
  GotoFlow: gotoFlowStep,
  CallFlow: callFlowStep,
  Return: returnStep,
  Language: languageStep,
  Hangup: hangupStep,
};

const steps = new Map<string, NodeStep>(Object.entries(NODE_STEPS) as Array<[string, NodeStep]>);

/**
 * Adds the step handler of a node type added to the catalogue at run time (`registerNodeType`
 * in @stumpfworks/flow, first).
 *
 * @throws Error when the catalogue does not know the type, or it has a handler already.
 */
export function registerNodeStep<N extends NodeBase>(type: N['type'], step: NodeStep<N>): void {
  if (!nodeTypeDescription(type)) throw new Error(`node type "${type}" is not in the catalogue: registerNodeType first`);
  if (steps.has(type)) throw new Error(`node type "${type}" has a step handler already`);
  steps.set(type, step as unknown as NodeStep);
}

/** The handler for a node's type. @throws EngineError `unknown-node-type` for a type without one. */
export function nodeStepFor(node: Pick<NodeBase, 'type'>): NodeStep {
  const step = steps.get(node.type);
  if (!step) throw new EngineError('unknown-node-type', `node type "${node.type}" has no step handler`);
  return step;
}
