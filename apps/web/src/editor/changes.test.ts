import { describe, expect, it } from 'vitest';
import { flowChanges, isUnchanged } from './changes.js';

const node = (id: string, params: Record<string, unknown> = {}, x = 0) => ({ id, type: 'Dial', params, position: { x, y: 0 } });

describe('flowChanges', () => {
  it('lists added, removed and changed nodes and edges, ignoring positions', () => {
    const before = { nodes: [node('a'), node('b', { targets: ['1001'] }), node('c')], edges: [{ from: 'a', output: 'next', to: 'b' }] };
    const after = { nodes: [node('a', {}, 300), node('b', { targets: ['1002'] }), node('d')], edges: [{ from: 'a', output: 'next', to: 'd' }] };
    expect(flowChanges(before, after)).toEqual({ added: ['d'], removed: ['c'], changed: ['b'], edgesAdded: 1, edgesRemoved: 1 });
  });
  it('treats everything as added when nothing was published', () => {
    const c = flowChanges(undefined, { nodes: [node('a')], edges: [] });
    expect(c.added).toEqual(['a']);
    expect(isUnchanged(flowChanges({ nodes: [node('a')], edges: [] }, { nodes: [node('a', {}, 9)], edges: [] }))).toBe(true);
  });
});
