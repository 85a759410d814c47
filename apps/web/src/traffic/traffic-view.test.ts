import { describe, expect, it } from 'vitest';
import type { Edge } from '@xyflow/react';
import { withTraffic, type CanvasNode } from '../editor/mapping.js';
import { edgeLabel, strokeFor, trafficView, type CanvasTraffic } from './traffic-view.js';

const answer: CanvasTraffic = {
  flowId: 'ivr',
  version: 2,
  liveVersion: 2,
  versions: [2, 1],
  keptSince: null,
  from: '2026-12-07T10:00:00.000Z',
  to: '2026-12-07T11:00:00.000Z',
  calls: 10,
  activeKnown: true,
  nodes: [{ nodeId: 'menu', visits: 12, calls: 10, ended: 2, active: 1 }],
  edges: [
    { from: 'menu', to: 'sales', outputs: ['1'], steps: 6, share: 0.6, keys: { '1': 6 } },
    { from: 'menu', to: 'sales', outputs: ['direct'], steps: 3, share: 0.3, keys: { '1002': 2, '1003': 1 } },
    { from: 'sales', to: 'bye', outputs: ['answered', 'overflow'], steps: 1, share: 0.1, keys: {} },
  ],
};

describe('the traffic view', () => {
  it('keys the counts by canvas edge id, with the part of the source node and the keys', () => {
    const view = trafficView(answer);
    expect(view.nodes.get('menu')).toEqual({ visits: 12, calls: 10, ended: 2, active: 1 });
    expect(edgeLabel(view.edges.get('menu:1->sales')!)).toBe('6 · 67 %');
    expect(edgeLabel(view.edges.get('menu:direct->sales')!)).toBe('3 · 33 % · 1002 ×2 1003 ×1');
    expect(edgeLabel(view.edges.get('sales:answered->bye')!)).toBe('1 ∑');
    expect(view.edges.get('sales:overflow->bye')?.sharedWith).toEqual(['answered']);
  });

  it('draws edges wider by share, and leaves the mapped arrays alone without a view', () => {
    expect(strokeFor(0)).toBe(1.5);
    expect(strokeFor(1)).toBe(10);
    expect(strokeFor(4)).toBe(10);
    const nodes = [{ id: 'menu', type: 'flowNode', position: { x: 0, y: 0 }, data: { node: { id: 'menu', type: 'Menu', params: {} }, diagnostics: [], active: false, visited: false, unreached: false } }] as unknown as CanvasNode[];
    const edges: Edge[] = [
      { id: 'menu:1->sales', source: 'menu', target: 'sales' },
      { id: 'menu:2->sales', source: 'menu', target: 'sales' },
    ];
    expect(withTraffic(nodes, edges, undefined)).toEqual({ nodes, edges });
    const shown = withTraffic(nodes, edges, trafficView(answer));
    expect(shown.nodes[0]!.data.traffic).toEqual({ visits: 12, calls: 10, ended: 2, active: 1 });
    expect(shown.edges[0]).toMatchObject({ label: '6 · 67 %', className: 'traffic', style: { strokeWidth: strokeFor(0.6) } });
    expect(shown.edges[1]).toMatchObject({ className: 'no-traffic', style: { strokeWidth: 1.5 } });
  });
});
