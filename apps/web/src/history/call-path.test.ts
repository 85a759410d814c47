import { describe, expect, it } from 'vitest';
import type { DraftFlow } from '../editor/draft.js';
import { callPathHighlight, callPathOf, callPathUrl } from './call-path.js';

describe('a call path on the canvas', () => {
  it('goes into the URL and comes back out', () => {
    const url = callPathUrl({ id: 'hot line', version: 3 }, ['start', 'menu', 'queue-sales']);
    expect(url).toBe('/flows/hot%20line?version=3&path=start%2Cmenu%2Cqueue-sales');
    expect(callPathOf(url.slice(url.indexOf('?')))).toEqual(['start', 'menu', 'queue-sales']);
    expect(callPathOf('?version=3')).toBeUndefined();
    expect(callPathOf('?path=')).toBeUndefined();
  });

  it('lights the visited nodes, the last one active, and the edges between successive nodes only', () => {
    const flow = {
      edges: [
        { from: 'start', output: 'next', to: 'menu' },
        { from: 'menu', output: '1', to: 'sales' },
        { from: 'menu', output: '2', to: 'support' },
        { from: 'sales', output: 'timeout', to: 'menu' },
      ],
    } as unknown as DraftFlow;
    const lit = callPathHighlight(flow, ['start', 'menu', 'sales', 'gone']);
    expect(lit.active).toBe('gone');
    expect([...lit.visited]).toEqual(['start', 'menu', 'sales', 'gone']);
    expect([...lit.edges].sort()).toEqual(['menu:1->sales', 'start:next->menu']);
  });
});
