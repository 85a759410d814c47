import type { NodeOf } from '@stumpfworks/flow';
import { assign, interpolate } from '../effects.js';
import type { CallEvent, DialResult } from '../types.js';
import { DIAL_RESULT_WORDS } from '../simulator/script.js';
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
 * Who answered: the target rung (sequential), else the one the event names when it is one of the
 * targets, else the first target (the simulator's plain `answer`).
 */
function answeringTarget(node: Dial, targets: string[], dialIndex: number, event: Extract<CallEvent, { type: 'dialResult' }>): string {
  if (node.params.strategy === 'sequential') return targets[dialIndex]!;
  return event.answeredBy !== undefined && targets.includes(event.answeredBy) ? event.answeredBy : targets[0]!;
}

/**
 * Dial: `simultaneous` rings all targets once; `sequential` rings them one by one (`dialIndex`),
 * moving on after any result but `answer`; the last target's result is the node's result.
 * An answered call whose `answered` output is unconnected ends `connected`. With `answeredBy`,
 * that variable gets the answering target, or is emptied when nobody answered.
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
    const answered = event.result === 'answer';
    const who = answered ? answeringTarget(node, targets, dialIndex, event) : '';
    // The outcome names the answering party when the engine knows it, else the targets rung.
    const target = sequential ? targets[dialIndex]! : answered && event.answeredBy !== undefined ? who : targets.join('&');
    const variable = node.params.answeredBy;
    const set = variable === '' ? undefined : assign(vars, variable, who);
    return {
      kind: 'follow',
      output: OUTPUT[event.result],
      unconnected: answered ? { kind: 'connected', flowId, nodeId: node.id, via: 'dial', target } : undefined,
      ...(set ? { effects: [set.effect], patch: { vars: set.vars } } : {}),
    };
  },
  /** With `answeredBy` at a simultaneous dial of several targets: an answer by each target, then the other results. */
  choices: (node, call) => {
    const targets = dialTargets(node, call.snapshot.vars);
    const byEach = node.params.answeredBy !== '' && node.params.strategy === 'simultaneous' && targets.length > 1;
    return DIAL_RESULT_WORDS.flatMap((result): CallEvent[] =>
      result === 'answer' && byEach
        ? [...new Set(targets)].map((answeredBy) => ({ type: 'dialResult', result, answeredBy }))
        : [{ type: 'dialResult', result }],
    );
  },
});
