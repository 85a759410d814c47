import type { NodeOf } from '@stumpfworks/flow';
import { assign, interpolate } from '../effects.js';
import { nodeStep } from './transition.js';

/** SetVariable: the value with `${NAME}` references replaced (unset = empty). */
export const setVariableStep = nodeStep<NodeOf<'SetVariable'>>({
  enter: (node, { snapshot }) => {
    const { effect, vars } = assign(snapshot.vars, node.params.name, interpolate(node.params.value, snapshot.vars));
    return { kind: 'follow', output: 'next', effects: [effect], patch: { vars } };
  },
});
