import type { Edge, Node } from '@xyflow/react';
import type { FlowEdge } from '@stumpfworks/flow';
import type { DraftFlow, DraftNode, EditorDiagnostic } from './draft.js';

/** What a canvas node shows, besides its flow node. */
export interface FlowNodeData extends Record<string, unknown> {
  node: DraftNode;
  diagnostics: EditorDiagnostic[];
  active: boolean;
  visited: boolean;
}

export type CanvasNode = Node<FlowNodeData, 'flowNode'>;

/** The view state React Flow needs and the flow does not keep: selection and measured sizes. */
export interface ViewState {
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  measured: Readonly<Record<string, { width: number; height: number }>>;
}

export interface Highlight {
  active?: string;
  visited: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export const NO_HIGHLIGHT: Highlight = { visited: new Set(), edges: new Set() };

/** The id of an edge on the canvas: one output leads to one node. */
export const edgeId = (e: FlowEdge): string => `${e.from}:${e.output}->${e.to}`;

/** Flow nodes -> React Flow nodes. Positions come from the flow; sizes and selection from the view. */
export function toCanvasNodes(flow: DraftFlow, view: ViewState, diagnostics: EditorDiagnostic[] = [], highlight: Highlight = NO_HIGHLIGHT): CanvasNode[] {
  return flow.nodes.map((node, index) => {
    const measured = view.measured[node.id];
    return {
      id: node.id,
      type: 'flowNode',
      position: node.position ?? { x: 0, y: index * 120 },
      selected: view.selectedNodes.has(node.id),
      ...(measured ? { measured } : {}),
      data: {
        node,
        diagnostics: diagnostics.filter((d) => d.nodeId === node.id),
        active: highlight.active === node.id,
        visited: highlight.visited.has(node.id),
      },
    };
  });
}

/** Flow edges -> React Flow edges; the source handle is the output's name. */
export function toCanvasEdges(flow: DraftFlow, view: ViewState, highlight: Highlight = NO_HIGHLIGHT): Edge[] {
  return flow.edges.map((e) => {
    const id = edgeId(e);
    const taken = highlight.edges.has(id);
    return {
      id,
      source: e.from,
      sourceHandle: e.output,
      target: e.to,
      targetHandle: 'in',
      selected: view.selectedEdges.has(id),
      animated: taken,
      ...(taken ? { className: 'taken', style: { stroke: '#e8590c', strokeWidth: 3 } } : {}),
    };
  });
}
