import type { FlowNode, NodeOf } from '@stumpfworks/flow';
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
import { queueStep } from './queue.step.js';
import { recordStep } from './record.step.js';
import { setVariableStep } from './set-variable.step.js';
import { startStep } from './start.step.js';
import { timeConditionStep } from './time-condition.step.js';
import type { NodeStep } from './transition.js';
import { transferExternalStep } from './transfer-external.step.js';
import { voicemailStep } from './voicemail.step.js';

/** One handler per node type; the mapped type makes a missing one a compile error. */
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
  TransferExternal: transferExternalStep,
  GotoFlow: gotoFlowStep,
  Language: languageStep,
  Hangup: hangupStep,
};

/** The handler for a node's type. */
export function nodeStepFor(node: FlowNode): NodeStep {
  return NODE_STEPS[node.type] as NodeStep;
}
