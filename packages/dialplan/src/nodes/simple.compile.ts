import { promptFile, type NodeOf } from '@stumpfworks/flow';
import { app, type DialplanContext } from '../ir.js';
import { flowContext } from '../names.js';
import { endCall, follow, nodeContextOf, type NodeScope } from '../node-scope.js';

/** Start: answer, set the language, go on. */
export function compileStart(scope: NodeScope<NodeOf<'Start'>>): DialplanContext[] {
  const steps = [app('Answer'), app('Set', `CHANNEL(language)=${scope.node.params.language}`), ...follow(scope, 'next')];
  return [nodeContextOf(scope, steps)];
}

/** Play: the prompt, not interruptible. */
export function compilePlay(scope: NodeScope<NodeOf<'Play'>>): DialplanContext[] {
  return [nodeContextOf(scope, [app('Playback', promptFile(scope.node.params.prompt)), ...follow(scope, 'next')])];
}

/** SetVariable: `${NAME}` references in the value are native dialplan variables (unset = empty). */
export function compileSetVariable(scope: NodeScope<NodeOf<'SetVariable'>>): DialplanContext[] {
  const { name, value } = scope.node.params;
  return [nodeContextOf(scope, [app('Set', `${name}=${value}`), ...follow(scope, 'next')])];
}

/** Record: start or stop MixMonitor; the file is named after the call's unique id. */
export function compileRecord(scope: NodeScope<NodeOf<'Record'>>): DialplanContext[] {
  const step = scope.node.params.action === 'start' ? app('MixMonitor', '${UNIQUEID}.wav') : app('StopMixMonitor');
  return [nodeContextOf(scope, [step, ...follow(scope, 'next')])];
}

/** GotoFlow: continue at the other flow's Start node (it answers and sets its language again). */
export function compileGotoFlow(scope: NodeScope<NodeOf<'GotoFlow'>>): DialplanContext[] {
  return [nodeContextOf(scope, [app('Goto', flowContext(scope.node.params.flow), 's', '1')])];
}

/** Language: later prompts are looked up in the new language. */
export function compileLanguage(scope: NodeScope<NodeOf<'Language'>>): DialplanContext[] {
  const steps = [app('Set', `CHANNEL(language)=${scope.node.params.language}`), ...follow(scope, 'next')];
  return [nodeContextOf(scope, steps)];
}

/** Hangup: end with outcome `hangup`. */
export function compileHangup(scope: NodeScope<NodeOf<'Hangup'>>): DialplanContext[] {
  return [nodeContextOf(scope, endCall(scope, 'hangup'))];
}
