import type { NodeOf } from '@stumpfworks/flow';
import { interpolate } from '../effects.js';
import type { DialResult } from '../types.js';
import { nodeStep, type NodeCall, type Transition } from './transition.js';

type Dial = NodeOf<'Dial'>;

const OUTPUT: Record<DialResult, string> = { answer: 'answered', busy: 'busy', noanswer: 'noAnswer', unavailable: 'unavailable' };

/** The dial targets with `${DIRECT_EXTENSION}` replaced by the variable. */
export function dialTargets(node: Dial, vars: Record<string, string>): string[] {
  return node.params.targets.map((t) => interpolate(t, vars));
}

const ring = (node: Dial, call: NodeCall, index: number): Transition => {
  const targets = dialTargets(node, call.snapshot.vars);
  const ringing = node.params.strategy === 'sequential' ? [targets[index]!] : targets;
  return {
    kind: 'wait',
    wait: 'dial',
    patch: { dialIndex: index },
    effects: [{ type: 'dial', targets: ringing, ringSeconds: node.params.ringSeconds }],
  };
};

/**
 * Dial: `simultaneous` rings all targets once; `sequential` rings them one by one (`dialIndex`),
 * moving on after any result but `answer`; the last target's result is the node's result.
 * An answered call whose `answered` output is unconnected ends `connected`.
 */
export const dialStep = nodeStep<Dial>({
  enter: (node, call) => ring(node, call, 0),
  waits: ['dial'],
  resume: (node, call, event) => {
    if (event.type !== 'dialResult') return { kind: 'follow', output: 'noAnswer' };
    const { dialIndex, vars, flowId } = call.snapshot;
    const targets = dialTargets(node, vars);
    const sequential = node.params.strategy === 'sequential';
    if (sequential && event.result !== 'answer' && dialIndex < targets.length - 1) return ring(node, call, dialIndex + 1);
    const target = sequential ? targets[dialIndex]! : targets.join('&');
    return {
      kind: 'follow',
      output: OUTPUT[event.result],
      unconnected: event.result === 'answer' ? { kind: 'connected', flowId, nodeId: node.id, via: 'dial', target } : undefined,
    };
  },
});
