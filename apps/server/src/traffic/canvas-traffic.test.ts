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
      [
        { prev: null, nodeId: 'start', digits: null, steps: 10, revisits: 0 },
        { prev: 'start', nodeId: 'menu', digits: null, steps: 10, revisits: 0 },
        { prev: 'menu', nodeId: 'sales', digits: '1', steps: 4, revisits: 0 },
        { prev: 'menu', nodeId: 'sales', digits: '2', steps: 2, revisits: 0 },
        { prev: 'menu', nodeId: 'sales', digits: '1002', steps: 1, revisits: 0 },
        { prev: 'menu', nodeId: 'sales', digits: '1003', steps: 1, revisits: 0 },
      ],
      new Map(),
    );
    expect(result.calls).toBe(10);
    expect(result.edges).toEqual([
      { from: 'start', to: 'menu', outputs: ['next'], steps: 10, share: 1, keys: {} },
      { from: 'menu', to: 'sales', outputs: ['1'], steps: 4, share: 0.4, keys: { '1': 4 } },
      { from: 'menu', to: 'sales', outputs: ['2'], steps: 2, share: 0.2, keys: { '2': 2 } },
      { from: 'menu', to: 'sales', outputs: ['direct'], steps: 2, share: 0.2, keys: { '1002': 1, '1003': 1 } },
    ]);
  });

  it('counts a step once for all outputs to the same node when nothing tells which it took', () => {
    const result = canvasTraffic(
      graph,
      [
        { prev: null, nodeId: 'sales', digits: null, steps: 3, revisits: 0 },
        { prev: 'sales', nodeId: 'bye', digits: null, steps: 3, revisits: 0 },
      ],
      new Map(),
    );
    expect(result.edges).toEqual([{ from: 'sales', to: 'bye', outputs: ['answered', 'overflow'], steps: 3, share: 1, keys: {} }]);
  });

  it('keeps steps along no edge of the version (outputs empty) rather than losing them', () => {
    const result = canvasTraffic(
      graph,
      [
        { prev: null, nodeId: 'start', digits: null, steps: 1, revisits: 0 },
        { prev: 'start', nodeId: 'bye', digits: null, steps: 1, revisits: 0 },
      ],
      new Map(),
    );
    expect(result.edges).toContainEqual({ from: 'start', to: 'bye', outputs: [], steps: 1, share: 1, keys: {} });
  });

  it('counts as ended the calls whose last visit a node was, less those still up there; a GotoFlow hands over; loops count one call', () => {
    const steps = [
      { prev: null, nodeId: 'start', digits: null, steps: 5, revisits: 0 },
      { prev: 'start', nodeId: 'menu', digits: null, steps: 5, revisits: 0 },
      { prev: 'menu', nodeId: 'menu', digits: null, steps: 2, revisits: 2 }, // two calls came back to the menu
      { prev: 'menu', nodeId: 'bye', digits: null, steps: 1, revisits: 0 },
      { prev: 'sales', nodeId: 'bye', digits: null, steps: 1, revisits: 0 },
      { prev: 'menu', nodeId: 'sales', digits: '1', steps: 1, revisits: 0 },
      { prev: 'menu', nodeId: 'other', digits: '9', steps: 1, revisits: 0 },
    ];
    const result = canvasTraffic(graph, steps, new Map([['menu', 1]]));
    expect(result.nodes).toEqual([
      { nodeId: 'menu', visits: 7, calls: 5, ended: 1, active: 1 }, // 7 visits, 5 steps out: 2 last, one of them up
      { nodeId: 'start', visits: 5, calls: 5, ended: 0, active: 0 },
      { nodeId: 'bye', visits: 2, calls: 2, ended: 2, active: 0 },
      { nodeId: 'other', visits: 1, calls: 1, ended: 0, active: 0 },
      { nodeId: 'sales', visits: 1, calls: 1, ended: 0, active: 0 },
    ]);
    expect(result.calls).toBe(5);
  });

  it('gives no share without calls', () => {
    expect(canvasTraffic(graph, [], new Map())).toEqual({ calls: 0, nodes: [], edges: [] });
  });
});
