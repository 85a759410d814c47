import type { FlowNode, NodeOf } from '@stumpfworks/flow';
import type { DialplanContext } from '../ir.js';
import type { NodeScope } from '../node-scope.js';
import { compileCollectDigits } from './collect-digits.compile.js';
import { compileCondition } from './condition.compile.js';
import { compileConference } from './conference.compile.js';
import { compileDial } from './dial.compile.js';
import { compileHttpRequest } from './http-request.compile.js';
import { compileMenu } from './menu.compile.js';
import { compileQueue } from './queue.compile.js';
import {
  compileGotoFlow,
  compileHangup,
  compileLanguage,
  compilePlay,
  compileRecord,
  compileSetVariable,
  compileStart,
} from './simple.compile.js';
import { compileTimeCondition } from './time-condition.compile.js';
import { compileTransferExternal } from './transfer-external.compile.js';
import { compileVoicemail } from './voicemail.compile.js';

type NodeCompilers = { [T in FlowNode['type']]: (scope: NodeScope<NodeOf<T>>) => DialplanContext[] };

/** One compile function per node type; the mapped type makes a missing one a type error. */
const compilers: NodeCompilers = {
  Start: compileStart,
  Play: compilePlay,
  Menu: compileMenu,
  CollectDigits: compileCollectDigits,
  Condition: compileCondition,
  SetVariable: compileSetVariable,
  HttpRequest: compileHttpRequest,
  TimeCondition: compileTimeCondition,
  Dial: compileDial,
  Queue: compileQueue,
  Voicemail: compileVoicemail,
  Conference: compileConference,
  Record: compileRecord,
  TransferExternal: compileTransferExternal,
  GotoFlow: compileGotoFlow,
  Language: compileLanguage,
  Hangup: compileHangup,
};

/** The contexts of one node: its own, and for a time condition with closed days a second one. */
export function compileNode(scope: NodeScope): DialplanContext[] {
  const compile = compilers[scope.node.type] as (scope: NodeScope) => DialplanContext[];
  return compile(scope);
}
