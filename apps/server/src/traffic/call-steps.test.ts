import { describe, expect, it } from 'vitest';
import { CallSteps } from './call-steps.js';

describe('CallSteps', () => {
  it('gives each visit the node before it in the same flow, and marks revisits', () => {
    const steps = new CallSteps();
    expect(steps.step('c1', 'main', 2, 'start')).toEqual({ prev: null, revisit: false });
    expect(steps.step('c1', 'main', 2, 'menu')).toEqual({ prev: 'start', revisit: false });
    expect(steps.step('c1', 'sub', 1, 'start')).toEqual({ prev: null, revisit: false }); // a CallFlow's sub-flow
    expect(steps.step('c1', 'main', 2, 'menu')).toEqual({ prev: 'menu', revisit: true }); // back, and round the menu again
    expect(steps.step('c2', 'main', 2, 'start')).toEqual({ prev: null, revisit: false });
    expect(steps.at('main', 2, ['c1', 'c2', 'gone'])).toEqual(new Map([['menu', 1], ['start', 1]]));
    expect(steps.at('main', 1, ['c1'])).toEqual(new Map());
  });

  it('forgets the call not heard of longest beyond its bound', () => {
    const steps = new CallSteps(2);
    steps.step('a', 'f', 1, 'start');
    steps.step('b', 'f', 1, 'start');
    steps.step('a', 'f', 1, 'menu'); // a is now the latest
    steps.step('c', 'f', 1, 'start'); // b goes
    expect(steps.step('b', 'f', 1, 'menu')).toEqual({ prev: null, revisit: false });
    expect(steps.step('c', 'f', 1, 'menu')).toEqual({ prev: 'start', revisit: false });
  });
});
