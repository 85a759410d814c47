import { describe, expect, it } from 'vitest';
import { checkDraft, emptyFlow, type DraftFlow } from './draft.js';
import { NO_HIGHLIGHT, toCanvasEdges, toCanvasNodes } from './mapping.js';

const flow: DraftFlow = {
  ...emptyFlow(),
  nodes: [
    { id: 'start', type: 'Start', position: { x: 0, y: 0 }, params: { number: '7000' } },
    { id: 'menu', type: 'Menu', position: { x: 300, y: 0 }, params: { prompt: { kind: 'sound', name: 'beep' } } },
    { id: 'bye', type: 'Hangup', position: { x: 600, y: 0 }, params: {} },
  ],
  edges: [{ from: 'start', output: 'next', to: 'menu' }],
};
const view = { selectedNodes: new Set<string>(), selectedEdges: new Set<string>(), measured: {} };

describe('mapping with the last result', () => {
  it('gives back the same array when nothing changed', () => {
    const diagnostics = checkDraft(flow).diagnostics;
    const nodes = toCanvasNodes(flow, view, diagnostics);
    expect(toCanvasNodes(flow, view, checkDraft(flow).diagnostics, NO_HIGHLIGHT, nodes)).toBe(nodes);
    const edges = toCanvasEdges(flow, view);
    expect(toCanvasEdges(flow, view, NO_HIGHLIGHT, edges)).toBe(edges);
  });

  it('makes new objects only for what changed; a moved node keeps its data', () => {
    const nodes = toCanvasNodes(flow, view);
    const moved: DraftFlow = { ...flow, nodes: flow.nodes.map((n) => (n.id === 'bye' ? { ...n, position: { x: 700, y: 50 } } : n)) };
    const next = toCanvasNodes(moved, { ...view, selectedNodes: new Set(['start']) }, [], NO_HIGHLIGHT, nodes);
    expect(next[0]).not.toBe(nodes[0]);
    expect(next[0]!.selected).toBe(true);
    expect(next[1]).toBe(nodes[1]);
    expect(next[2]).not.toBe(nodes[2]);
    expect(next[2]!.position).toEqual({ x: 700, y: 50 });
    expect(next[2]!.data).toBe(nodes[2]!.data);
    const highlighted = toCanvasEdges(flow, view, { ...NO_HIGHLIGHT, edges: new Set(['start:next->menu']) }, toCanvasEdges(flow, view));
    expect(highlighted[0]).toMatchObject({ animated: true, className: 'taken' });
  });

  it('gives each node its own diagnostics', () => {
    const unlinked = { ...flow, edges: [] };
    const diagnostics = checkDraft(unlinked).diagnostics;
    const nodes = toCanvasNodes(unlinked, view, diagnostics);
    for (const node of nodes) expect(node.data.diagnostics).toEqual(diagnostics.filter((d) => d.nodeId === node.id));
    expect(nodes[0]!.data.diagnostics.map((d) => d.output)).toContain('next');
  });
});
