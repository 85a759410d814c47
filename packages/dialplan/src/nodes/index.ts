import { nodeTypeDescription, type FlowNode, type NodeBase, type NodeOf } from '@stumpfworks/flow';
import { DialplanError } from '../errors.js';
import type { DialplanContext } from '../ir.js';
import type { ExtraContext, NodeCompiler, NodeScope } from '../node-scope.js';
import { compileCallFlow } from './call-flow.compile.js';
import { compileCollectDigits } from './collect-digits.compile.js';
import { compileCondition } from './condition.compile.js';
import { compileConference } from './conference.compile.js';
import { compileDial } from './dial.compile.js';
import { compileGotoFlow } from './goto-flow.compile.js';
import { compileHangup } from './hangup.compile.js';
import { compileHttpRequest } from './http-request.compile.js';
import { compileLanguage } from './language.compile.js';
import { compileMenu } from './menu.compile.js';
import { compilePlay } from './play.compile.js';
import { compileConsent } from './consent.compile.js';
import { compileQueue } from './queue.compile.js';
import { compileRecord } from './record.compile.js';
import { compileReturn } from './return.compile.js';
import { compileSetVariable } from './set-variable.compile.js';
import { compileStart } from './start.compile.js';
import { compileTimeCondition, timeConditionContexts } from './time-condition.compile.js';
import { compileTransferExternal } from './transfer-external.compile.js';
import { compileVoicemail } from './voicemail.compile.js';

/** One compiler per built-in node type (a new one is added here, one line); the mapped type makes a missing one a type error. */
const compilers: { [T in FlowNode['type']]: NodeCompiler<NodeOf<T>> } = {
  Start: { compile: compileStart },
  Play: { compile: compilePlay },
  Menu: { compile: compileMenu },
  CollectDigits: { compile: compileCollectDigits },
  Condition: { compile: compileCondition },
  SetVariable: { compile: compileSetVariable },
  HttpRequest: { compile: compileHttpRequest },
  TimeCondition: { compile: compileTimeCondition, extraContexts: timeConditionContexts },
  Dial: { compile: compileDial },
  Queue: { compile: compileQueue },
  Voicemail: { compile: compileVoicemail },
  Conference: { compile: compileConference },
  Record: { compile: compileRecord },
  Consent: { compile: compileConsent },
  TransferExternal: { compile: compileTransferExternal },
  GotoFlow: { compile: compileGotoFlow },
  CallFlow: { compile: compileCallFlow },
  Return: { compile: compileReturn },
  Language: { compile: compileLanguage },
  Hangup: { compile: compileHangup },
};

const registry = new Map<string, NodeCompiler>(Object.entries(compilers) as Array<[string, NodeCompiler]>);

/**
 * Adds the compiler of a node type added to the catalogue at run time (`registerNodeType` in
 * @stumpfworks/flow, first).
 *
 * @throws Error when the catalogue does not know the type, or it has a compiler already.
 */
export function registerNodeCompiler<N extends NodeBase>(type: N['type'], compiler: NodeCompiler<N>): void {
  if (!nodeTypeDescription(type)) throw new Error(`node type "${type}" is not in the catalogue: registerNodeType first`);
  if (registry.has(type)) throw new Error(`node type "${type}" has a compiler already`);
  registry.set(type, compiler as unknown as NodeCompiler);
}

function compilerFor(node: NodeBase): NodeCompiler {
  const compiler = registry.get(node.type);
  if (!compiler) throw new DialplanError('unknown-node-type', `node type "${node.type}" has no compiler`);
  return compiler;
}

/** The contexts of one node: its own, and any more its type needs (a time condition's closed days). */
export function compileNode(scope: NodeScope): DialplanContext[] {
  return compilerFor(scope.node).compile(scope);
}

/** The contexts a node makes besides its own, for the context-clash check. */
export function extraContextsOf(flowId: string, node: NodeBase): ExtraContext[] {
  return compilerFor(node).extraContexts?.(flowId, node) ?? [];
}
