import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange, type NodeDimensionChange } from '@xyflow/react';
import { defaultParams, freshNodeId } from './defaults.js';
import type { DraftFlow, DraftNode } from './draft.js';
import { edgeId, toCanvasEdges, toCanvasNodes, type CanvasNode } from './mapping.js';

/** The editor's one store: the flow document, its undo history and the view state. */
export interface EditorState {
  flow: DraftFlow;
  past: DraftFlow[];
  future: DraftFlow[];
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  measured: Readonly<Record<string, { width: number; height: number }>>;
  /** The flow before the drag in progress, so a whole drag is one undo step. */
  dragOrigin?: DraftFlow;
  clipboard?: { nodes: DraftNode[]; edges: DraftFlow['edges'] };
  /** The field typed into last: keystrokes in one field make one undo step. */
  typingIn?: string;
  /** Counts the auto-layouts: after each, the canvas fits the view to the new positions. */
  layouts: number;
}

export type EditorAction =
  | { type: 'nodesChanged'; changes: NodeChange<CanvasNode>[] }
  | { type: 'edgesChanged'; changes: EdgeChange[] }
  | { type: 'connect'; connection: Connection }
  | { type: 'addNode'; nodeType: string; position: { x: number; y: number } }
  | { type: 'updateNode'; id: string; label?: string; params?: Record<string, unknown> }
  /** A new name; a new flow's id follows it (`id`, derived by the caller) until its first save. */
  | { type: 'renameFlow'; name: string; id?: string }
  /** A new flow's id, typed by the admin before its first save. */
  | { type: 'setFlowId'; id: string }
  | { type: 'deleteSelected' }
  | { type: 'select'; nodeId: string }
  /** An auto-layout's result: the positions, and a view fitted to them. */
  | { type: 'setPositions'; positions: Record<string, { x: number; y: number }> }
  | { type: 'load'; flow: DraftFlow }
  | { type: 'copy' }
  | { type: 'paste' }
  | { type: 'undo' }
  | { type: 'redo' };

const HISTORY_LIMIT = 100;

export function initialState(flow: DraftFlow): EditorState {
  return { flow, past: [], future: [], selectedNodes: new Set(), selectedEdges: new Set(), measured: {}, layouts: 0 };
}

/** A new flow as one undo step. */
function commit(state: EditorState, flow: DraftFlow): EditorState {
  if (flow === state.flow) return state;
  const { typingIn: _ended, ...rest } = state;
  return { ...rest, flow, past: [...state.past, state.flow].slice(-HISTORY_LIMIT), future: [] };
}

function withoutNodes(flow: DraftFlow, ids: ReadonlySet<string>): DraftFlow {
  if (ids.size === 0) return flow;
  return {
    ...flow,
    nodes: flow.nodes.filter((n) => !ids.has(n.id)),
    edges: flow.edges.filter((e) => !ids.has(e.from) && !ids.has(e.to)),
  };
}

/**
 * Sizes React Flow measured, kept in the view. Only a size that really changed makes a new state:
 * nodes scrolled into view on a large flow are measured again and must not re-render the editor.
 */
function measuredChanged(state: EditorState, changes: NodeDimensionChange[]): EditorState {
  let ids: Set<string> | undefined;
  let measured: Record<string, { width: number; height: number }> | undefined;
  for (const { id, dimensions } of changes) {
    if (!dimensions?.width || !dimensions.height) continue;
    const known = state.measured[id];
    if (known?.width === dimensions.width && known.height === dimensions.height) continue;
    ids ??= new Set(state.flow.nodes.map((n) => n.id));
    if (!ids.has(id)) continue;
    measured ??= { ...state.measured };
    measured[id] = { width: dimensions.width, height: dimensions.height };
  }
  return measured ? { ...state, measured } : state;
}

function nodesChanged(state: EditorState, changes: NodeChange<CanvasNode>[]): EditorState {
  if (changes.every((c): c is NodeDimensionChange => c.type === 'dimensions')) return measuredChanged(state, changes);
  const before = toCanvasNodes(state.flow, state);
  const after = applyNodeChanges(changes, before);
  const byId = new Map(after.map((n) => [n.id, n]));
  const removed = new Set(state.flow.nodes.filter((n) => !byId.has(n.id)).map((n) => n.id));
  let moved = false;
  const nodes = state.flow.nodes.flatMap((node) => {
    const next = byId.get(node.id);
    if (!next) return [];
    const p = next.position;
    if (node.position && node.position.x === p.x && node.position.y === p.y) return [node];
    moved = true;
    return [{ ...node, position: { x: p.x, y: p.y } }];
  });
  const measured = { ...state.measured };
  for (const n of after) if (n.measured?.width && n.measured.height) measured[n.id] = { width: n.measured.width, height: n.measured.height };
  const selectedNodes = new Set(after.filter((n) => n.selected).map((n) => n.id));
  const sameSelection = selectedNodes.size === state.selectedNodes.size && [...selectedNodes].every((id) => state.selectedNodes.has(id));
  const view = { ...(sameSelection ? state : withoutTyping(state)), measured, selectedNodes };
  const dragging = changes.some((c) => c.type === 'position' && c.dragging);
  const dragEnded = changes.some((c) => c.type === 'position' && c.dragging === false);
  if (removed.size > 0) return commit(view, withoutNodes({ ...state.flow, nodes }, removed));
  if (!moved && !dragEnded) return view;
  const flow = moved ? { ...state.flow, nodes } : state.flow;
  if (dragging) return { ...view, flow, dragOrigin: state.dragOrigin ?? state.flow };
  if (state.dragOrigin) {
    const origin: DraftFlow = state.dragOrigin;
    const { dragOrigin: _done, ...rest } = view;
    return { ...rest, flow, past: [...state.past, origin].slice(-HISTORY_LIMIT), future: [] };
  }
  return moved ? commit(view, flow) : view;
}

function edgesChanged(state: EditorState, changes: EdgeChange[]): EditorState {
  const after = applyEdgeChanges(changes, toCanvasEdges(state.flow, state));
  const ids = new Set(after.map((e) => e.id));
  const view = { ...state, selectedEdges: new Set(after.filter((e) => e.selected).map((e) => e.id)) };
  const edges = state.flow.edges.filter((e) => ids.has(edgeId(e)));
  return edges.length === state.flow.edges.length ? view : commit(view, { ...state.flow, edges });
}

function connect(state: EditorState, c: Connection): EditorState {
  if (!c.source || !c.target || !c.sourceHandle || c.source === c.target) return state;
  const edge = { from: c.source, output: c.sourceHandle, to: c.target };
  // One output leads to one node: a new connection replaces the old one.
  const edges = [...state.flow.edges.filter((e) => !(e.from === edge.from && e.output === edge.output)), edge];
  return commit(state, { ...state.flow, edges });
}

function paste(state: EditorState): EditorState {
  const clip = state.clipboard;
  if (!clip || clip.nodes.length === 0) return state;
  const nodes = [...state.flow.nodes];
  const renamed = new Map<string, string>();
  for (const node of clip.nodes) {
    const id = freshNodeId(node.type, nodes);
    renamed.set(node.id, id);
    const p = node.position ?? { x: 0, y: 0 };
    nodes.push({ ...structuredClone(node), id, position: { x: p.x + 40, y: p.y + 40 } });
  }
  const edges = [
    ...state.flow.edges,
    ...clip.edges.map((e) => ({ from: renamed.get(e.from)!, output: e.output, to: renamed.get(e.to)! })),
  ];
  return { ...commit(state, { ...state.flow, nodes, edges }), selectedNodes: new Set(renamed.values()), selectedEdges: new Set() };
}

function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

function withoutTyping(state: EditorState): EditorState {
  const { typingIn: _ended, ...rest } = state;
  return rest;
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'nodesChanged':
      return nodesChanged(state, action.changes);
    case 'edgesChanged':
      return edgesChanged(state, action.changes);
    case 'connect':
      return connect(state, action.connection);
    case 'addNode': {
      const id = freshNodeId(action.nodeType, state.flow.nodes);
      const node: DraftNode = { id, type: action.nodeType, position: action.position, params: defaultParams(action.nodeType) };
      return { ...commit(state, { ...state.flow, nodes: [...state.flow.nodes, node] }), selectedNodes: new Set([id]), selectedEdges: new Set() };
    }
    case 'updateNode': {
      const nodes = state.flow.nodes.map((n) => {
        if (n.id !== action.id) return n;
        const next: DraftNode = { ...n, ...(action.params ? { params: action.params } : {}) };
        if (action.label !== undefined) {
          if (action.label === '') delete next.label;
          else next.label = action.label;
        }
        return next;
      });
      const field = `${action.id}:${action.label !== undefined ? 'label' : Object.keys(action.params ?? {}).join()}`;
      const changed = action.params ? changedKeys(state.flow.nodes.find((n) => n.id === action.id)?.params ?? {}, action.params) : ['label'];
      const typingIn = `${field}:${changed.join()}`;
      if (state.typingIn === typingIn) return { ...state, flow: { ...state.flow, nodes }, future: [] };
      return { ...commit(state, { ...state.flow, nodes }), typingIn };
    }
    case 'renameFlow':
      return commit(state, { ...state.flow, name: action.name, ...(action.id !== undefined ? { id: action.id } : {}) });
    case 'setFlowId':
      return action.id === state.flow.id ? state : commit(state, { ...state.flow, id: action.id });
    case 'deleteSelected': {
      const flow = withoutNodes(state.flow, state.selectedNodes);
      const edges = flow.edges.filter((e) => !state.selectedEdges.has(edgeId(e)));
      if (flow === state.flow && edges.length === flow.edges.length) return state;
      return { ...commit(state, { ...flow, edges }), selectedNodes: new Set(), selectedEdges: new Set() };
    }
    case 'select':
      return { ...withoutTyping(state), selectedNodes: new Set([action.nodeId]), selectedEdges: new Set() };
    case 'setPositions': {
      const nodes = state.flow.nodes.map((n) => (action.positions[n.id] ? { ...n, position: action.positions[n.id]! } : n));
      return { ...commit(state, { ...state.flow, nodes }), layouts: state.layouts + 1 };
    }
    case 'load':
      return initialState(action.flow);
    case 'copy': {
      const nodes = state.flow.nodes.filter((n) => state.selectedNodes.has(n.id));
      const ids = new Set(nodes.map((n) => n.id));
      return { ...state, clipboard: { nodes, edges: state.flow.edges.filter((e) => ids.has(e.from) && ids.has(e.to)) } };
    }
    case 'paste':
      return paste(state);
    case 'undo': {
      const previous = state.past.at(-1);
      if (!previous) return state;
      return { ...withoutTyping(state), flow: previous, past: state.past.slice(0, -1), future: [state.flow, ...state.future] };
    }
    case 'redo': {
      const next = state.future[0];
      if (!next) return state;
      return { ...state, flow: next, past: [...state.past, state.flow], future: state.future.slice(1) };
    }
  }
}
