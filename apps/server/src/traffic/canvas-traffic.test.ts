import { describe, expect, it } from 'vitest';
import { canvasTraffic, type TrafficGraph } from './canvas-traffic.js';

const graph: TrafficGraph = {
  nodes: [
    { id: 'start', type: 'Start' },
    { id: 'menu', type: 'Menu' },
    { id: 'sales', type: 'Queue' },
    { id: 'other', type: 'GotoFlow' },
    { id: 'bye', type: 'Hangup' },
  ],
  edges: [
    { from: 'start', output: 'next', to: 'menu' },
    { from: 'menu', output: '1', to: 'sales' },
    { from: 'menu', output: '2', to: 'sales' },
    { from: 'menu', output: 'direct', to: 'sales' },
    { from: 'menu', output: '9', to: 'other' },
    { from: 'menu', output: 'timeout', to: 'bye' },
    { from: 'sales', output: 'answered', to: 'bye' },
    { from: 'sales', output: 'overflow', to: 'bye' },
  ],
};

describe('canvasTraffic', () => {
  it('counts each edge by its output, telling outputs to one node apart by their keys', () => {
    const result = canvasTraffic(
      graph,
      10,
      [],
      [
        { prev: null, nodeId: 'start', digits: null, steps: 10, last: 0 },
        { prev: 'start', nodeId: 'menu', digits: null, steps: 10, last: 1 },
        { prev: 'menu', nodeId: 'sales', digits: '1', steps: 4, last: 0 },
        { prev: 'menu', nodeId: 'sales', digits: '2', steps: 2, last: 0 },
        { prev: 'menu', nodeId: 'sales', digits: '1002', steps: 1, last: 0 },
        { prev: 'menu', nodeId: 'sales', digits: '1003', steps: 1, last: 0 },
      ],
      new Map(),
    );
    expect(result.edges).toEqual([
      { from: 'start', to: 'menu', outputs: ['next'], steps: 10, share: 1, keys: {} },
      { from: 'menu', to: 'sales', outputs: ['1'], steps: 4, share: 0.4, keys: { '1': 4 } },
      { from: 'menu', to: 'sales', outputs: ['2'], steps: 2, share: 0.2, keys: { '2': 2 } },
      { from: 'menu', to: 'sales', outputs: ['direct'], steps: 2, share: 0.2, keys: { '1002': 1, '1003': 1 } },
    ]);
  });

  it('counts a step once for all outputs to the same node when nothing tells which it took', () => {
    const result = canvasTraffic(graph, 3, [], [{ prev: 'sales', nodeId: 'bye', digits: null, steps: 3, last: 3 }], new Map());
    expect(result.edges).toEqual([{ from: 'sales', to: 'bye', outputs: ['answered', 'overflow'], steps: 3, share: 1, keys: {} }]);
  });

  it('keeps steps along no edge of the version (outputs empty) rather than losing them', () => {
    const result = canvasTraffic(graph, 1, [], [{ prev: 'start', nodeId: 'bye', digits: null, steps: 1, last: 1 }], new Map());
    expect(result.edges).toEqual([{ from: 'start', to: 'bye', outputs: [], steps: 1, share: 1, keys: {} }]);
  });

  it('counts as ended the calls whose last visit a node was, less those still up there; a GotoFlow hands over', () => {
    const nodes = [
      { nodeId: 'menu', visits: 5, calls: 5 },
      { nodeId: 'bye', visits: 2, calls: 2 },
      { nodeId: 'other', visits: 1, calls: 1 },
      { nodeId: 'start', visits: 5, calls: 5 },
    ];
    const steps = [
      { prev: 'start', nodeId: 'menu', digits: null, steps: 5, last: 2 },
      { prev: 'menu', nodeId: 'bye', digits: null, steps: 1, last: 1 },
      { prev: 'sales', nodeId: 'bye', digits: null, steps: 1, last: 1 },
      { prev: 'menu', nodeId: 'other', digits: '9', steps: 1, last: 1 },
    ];
    const result = canvasTraffic(graph, 5, nodes, steps, new Map([['menu', 1]]));
    expect(result.nodes).toEqual([
      { nodeId: 'menu', visits: 5, calls: 5, ended: 1, active: 1 },
      { nodeId: 'bye', visits: 2, calls: 2, ended: 2, active: 0 },
      { nodeId: 'other', visits: 1, calls: 1, ended: 0, active: 0 },
      { nodeId: 'start', visits: 5, calls: 5, ended: 0, active: 0 },
    ]);
    expect(result.calls).toBe(5);
  });

  it('gives no share without calls', () => {
    expect(canvasTraffic(graph, 0, [], [], new Map())).toEqual({ calls: 0, nodes: [], edges: [] });
  });
});
