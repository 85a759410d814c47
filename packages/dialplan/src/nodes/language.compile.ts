import type { NodeOf } from '@stumpfworks/flow';
import { app, type DialplanContext } from '../ir.js';
import { follow, nodeContextOf, type NodeScope } from '../node-scope.js';

/** Language: later prompts are looked up in the new language. */
export function compileLanguage(scope: NodeScope<NodeOf<'Language'>>): DialplanContext[] {
  const steps = [app('Set', `CHANNEL(language)=${scope.node.params.language}`), ...follow(scope, 'next')];
  return [nodeContextOf(scope, steps)];
}
