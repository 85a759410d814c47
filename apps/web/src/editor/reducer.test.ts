import { describe, expect, it } from 'vitest';
import { checkDraft, emptyFlow, type DraftFlow } from './draft.js';
import { toCanvasEdges, toCanvasNodes } from './mapping.js';
import { editorReducer, initialState, type EditorAction, type EditorState } from './reducer.js';

const run = (state: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, state);
const add = (nodeType: string, x = 0, y = 0): EditorAction => ({ type: 'addNode', nodeType, position: { x, y } });
const connect = (source: string, sourceHandle: string, target: string): EditorAction => ({
  type: 'connect',
  connection: { source, sourceHandle, target, targetHandle: 'in' },
});

describe('editor store', () => {
  it('adds nodes with fresh ids and valid default params', () => {
    const state = run(initialState(emptyFlow()), add('Start'), add('Menu', 0, 100), add('Dial'), add('Dial'));
    expect(state.flow.nodes.map((n) => n.id)).toEqual(['start-1', 'menu-1', 'dial-1', 'dial-2']);
    expect(state.flow.nodes[2]!.params).toEqual({ targets: ['1000'], strategy: 'simultaneous', ringSeconds: 20, answeredBy: '' });
    expect(checkDraft(state.flow).flow).toBeDefined();
  });

  it('connects a named output to one node only, and undo/redo walk the history', () => {
    let state = run(initialState(emptyFlow()), add('Start'), add('Hangup'), add('Play'), connect('start-1', 'next', 'hangup-1'));
    state = run(state, connect('start-1', 'next', 'play-1'));
    expect(state.flow.edges).toEqual([{ from: 'start-1', output: 'next', to: 'play-1' }]);
    state = run(state, { type: 'undo' });
    expect(state.flow.edges).toEqual([{ from: 'start-1', output: 'next', to: 'hangup-1' }]);
    state = run(state, { type: 'redo' });
    expect(state.flow.edges[0]!.to).toBe('play-1');
  });

  it('deletes the selected nodes with their edges in one undo step', () => {
    let state = run(initialState(emptyFlow()), add('Start'), add('Hangup'), connect('start-1', 'next', 'hangup-1'), { type: 'select', nodeId: 'hangup-1' });
    state = run(state, { type: 'deleteSelected' });
    expect(state.flow.nodes.map((n) => n.id)).toEqual(['start-1']);
    expect(state.flow.edges).toEqual([]);
    state = run(state, { type: 'undo' });
    expect(state.flow.edges).toHaveLength(1);
  });

  it('keeps positions in the flow: a whole drag is one undo step, sizes and selection stay out of it', () => {
    let state = run(initialState(emptyFlow()), add('Start', 10, 10));
    const drag = (x: number, dragging: boolean): EditorAction => ({ type: 'nodesChanged', changes: [{ type: 'position', id: 'start-1', position: { x, y: 10 }, dragging }] });
    state = run(
      state,
      { type: 'nodesChanged', changes: [{ type: 'dimensions', id: 'start-1', dimensions: { width: 180, height: 60 } }] },
      drag(20, true),
      drag(30, true),
      drag(30, false),
    );
    expect(state.flow.nodes[0]!.position).toEqual({ x: 30, y: 10 });
    expect(state.measured['start-1']).toEqual({ width: 180, height: 60 });
    expect(JSON.stringify(state.flow)).not.toContain('180');
    expect(run(state, { type: 'undo' }).flow.nodes[0]!.position).toEqual({ x: 10, y: 10 });
  });

  it('keeps the state when React Flow measures a node again at the same size', () => {
    const measure = (width: number): EditorAction => ({ type: 'nodesChanged', changes: [{ type: 'dimensions', id: 'start-1', dimensions: { width, height: 60 } }] });
    const state = run(initialState(emptyFlow()), add('Start'), measure(180));
    expect(run(state, measure(180))).toBe(state);
    expect(run(state, measure(200)).measured['start-1']).toEqual({ width: 200, height: 60 });
    expect(run(state, { type: 'nodesChanged', changes: [{ type: 'dimensions', id: 'gone', dimensions: { width: 1, height: 1 } }] })).toBe(state);
  });

  it('takes an auto-layout as one undo step and counts it, so the canvas fits the view to it', () => {
    const state = run(initialState(emptyFlow()), add('Start'), add('Hangup', 0, 100));
    const laidOut = run(state, { type: 'setPositions', positions: { 'start-1': { x: 0, y: 0 }, 'hangup-1': { x: 250, y: 0 } } });
    expect(laidOut.flow.nodes.map((n) => n.position)).toEqual([{ x: 0, y: 0 }, { x: 250, y: 0 }]);
    expect([state.layouts, laidOut.layouts]).toEqual([0, 1]);
    const undone = run(laidOut, { type: 'undo' });
    expect(undone.flow.nodes[1]!.position).toEqual({ x: 0, y: 100 });
    expect(undone.layouts).toBe(1); // undo puts the positions back, but asks for no new fit
  });

  it('copies and pastes nodes with their inner edges under new ids', () => {
    const state = run(initialState(emptyFlow()), add('Play'), add('Hangup'), connect('play-1', 'next', 'hangup-1'));
    const selected = { ...state, selectedNodes: new Set(['play-1', 'hangup-1']) };
    const pasted = run(selected, { type: 'copy' }, { type: 'paste' });
    expect(pasted.flow.nodes.map((n) => n.id)).toEqual(['play-1', 'hangup-1', 'play-2', 'hangup-2']);
    expect(pasted.flow.edges).toContainEqual({ from: 'play-2', output: 'next', to: 'hangup-2' });
  });
});

describe('flow <-> canvas mapping', () => {
  const flow: DraftFlow = {
    ...emptyFlow(),
    nodes: [
      { id: 'start', type: 'Start', position: { x: 5, y: 6 }, params: { number: '', language: 'de' } },
      { id: 'bye', type: 'Hangup', params: {} },
    ],
    edges: [{ from: 'start', output: 'next', to: 'bye' }],
  };

  it('maps outputs to source handles and keeps positions', () => {
    const view = { selectedNodes: new Set(['bye']), selectedEdges: new Set<string>(), measured: {} };
    const nodes = toCanvasNodes(flow, view);
    expect(nodes.map((n) => [n.id, n.position, n.selected])).toEqual([
      ['start', { x: 5, y: 6 }, false],
      ['bye', { x: 0, y: 120 }, true],
    ]);
    expect(toCanvasEdges(flow, view)).toMatchObject([{ id: 'start:next->bye', source: 'start', sourceHandle: 'next', target: 'bye' }]);
  });

  it('turns schema problems into diagnostics on their node', () => {
    const broken: DraftFlow = { ...flow, nodes: [...flow.nodes, { id: 'ring', type: 'Dial', params: { targets: [] } }] };
    const checked = checkDraft(broken);
    expect(checked.flow).toBeUndefined();
    expect(checked.diagnostics).toMatchObject([{ code: 'schema', severity: 'error', nodeId: 'ring' }]);
  });
});

describe('typing in the inspector', () => {
  it('makes one undo step per field, not per keystroke', () => {
    let state = run(initialState(emptyFlow()), add('Dial'));
    const targets = (t: string) => ({ type: 'updateNode', id: 'dial-1', params: { ...state.flow.nodes[0]!.params, targets: [t] } }) as const;
    for (const t of ['1', '10', '100', '1002']) state = run(state, targets(t));
    state = run(state, { type: 'updateNode', id: 'dial-1', params: { ...state.flow.nodes[0]!.params, ringSeconds: 30 } });
    expect(state.flow.nodes[0]!.params).toMatchObject({ targets: ['1002'], ringSeconds: 30 });
    state = run(state, { type: 'undo' });
    expect(state.flow.nodes[0]!.params).toMatchObject({ targets: ['1002'], ringSeconds: 20 });
    state = run(state, { type: 'undo' });
    expect(state.flow.nodes[0]!.params).toMatchObject({ targets: ['1000'] });
  });
});
