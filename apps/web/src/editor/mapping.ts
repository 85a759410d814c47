import type { Edge, Node } from '@xyflow/react';
import type { FlowEdge } from '@stumpfworks/flow';
import type { DraftFlow, DraftNode, EditorDiagnostic } from './draft.js';
import { edgeLabel, strokeFor, type NodeTrafficView, type TrafficView } from '../traffic/traffic-view.js';

/** What a canvas node shows, besides its flow node. */
export interface FlowNodeData extends Record<string, unknown> {
  /** The flow node. Its `position` may be older than the canvas node's, which is the one that counts. */
  node: DraftNode;
  diagnostics: EditorDiagnostic[];
  active: boolean;
  visited: boolean;
  /** The coverage view is open and no tried path reached this node. */
  unreached: boolean;
  /** The traffic view is on: this node's counts (withTraffic). */
  traffic?: NodeTrafficView;
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
  /** With the coverage view open: what no tried path reached. */
  unreachedNodes?: ReadonlySet<string>;
  unreachedEdges?: ReadonlySet<string>;
}

export const NO_HIGHLIGHT: Highlight = { visited: new Set(), edges: new Set() };

/** The id of an edge on the canvas: one output leads to one node. */
export const edgeId = (e: FlowEdge): string => `${e.from}:${e.output}->${e.to}`;

const NO_DIAGNOSTICS: EditorDiagnostic[] = [];

function byNode(diagnostics: EditorDiagnostic[]): Map<string, EditorDiagnostic[]> {
  const map = new Map<string, EditorDiagnostic[]>();
  for (const d of diagnostics) {
    if (!d.nodeId) continue;
    const list = map.get(d.nodeId);
    if (list) list.push(d);
    else map.set(d.nodeId, [d]);
  }
  return map;
}

const sameDiagnostic = (a: EditorDiagnostic, b: EditorDiagnostic) =>
  a === b || (a.code === b.code && a.severity === b.severity && a.output === b.output && a.message.de === b.message.de && a.message.en === b.message.en);

/** Whether two flow nodes look the same on the canvas: a moved node has a new object, but not a new box. */
const sameBox = (a: DraftNode, b: DraftNode) => a === b || (a.id === b.id && a.type === b.type && a.label === b.label && a.params === b.params);

type Same = (a: unknown, b: unknown) => boolean;
const sameJson: Same = (a, b) => a === b || (!!a && !!b && JSON.stringify(a) === JSON.stringify(b));

/** Whether two objects have the same keys with equal values: by identity, or by `by[key]`. */
function sameFields(a: object, b: object, by: Record<string, Same> = {}): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(y);
  return keys.length === Object.keys(x).length && keys.every((k) => k in x && (by[k] ? by[k](x[k], y[k]) : x[k] === y[k]));
}

/** Whether two nodes' data show the same: then the node box keeps its old data and is not drawn again. */
const sameData = (x: FlowNodeData, y: FlowNodeData) =>
  sameFields(x, y, {
    node: (a, b) => sameBox(a as DraftNode, b as DraftNode),
    diagnostics: (a, b) => {
      const [p, q] = [a as EditorDiagnostic[], b as EditorDiagnostic[]];
      return p.length === q.length && p.every((d, i) => sameDiagnostic(d, q[i]!));
    },
  });

/** Whether two canvas nodes show the same (their data already reused): then React Flow skips the node. */
const sameNode = (a: CanvasNode, b: CanvasNode) => sameFields(a, b, { position: sameJson, measured: sameJson });

const byId = <T extends { id: string }>(items: readonly T[] | undefined) => new Map(items?.map((item) => [item.id, item]));

/**
 * Keeps the objects of `previous` that show the same as their counterparts in `next` (and the
 * whole previous array when nothing changed), so a change to one node re-renders one node.
 */
function reuse<T extends { id: string }>(next: T[], previous: readonly T[] | undefined, old: Map<string, T>, same: (a: T, b: T) => boolean): T[] {
  if (!previous || previous.length === 0) return next;
  let changed = next.length !== previous.length;
  const result = next.map((item, i) => {
    const before = old.get(item.id);
    if (before && same(before, item)) {
      if (previous[i] !== before) changed = true;
      return before;
    }
    changed = true;
    return item;
  });
  return changed ? result : (previous as T[]);
}

/**
 * Flow nodes -> React Flow nodes. Positions come from the flow; sizes and selection from the view.
 * With `previous` (the last result), unchanged nodes keep their objects: on a flow of 1,000 nodes
 * React Flow then updates only the nodes that changed, and a moved node keeps its data.
 */
export function toCanvasNodes(
  flow: DraftFlow,
  view: ViewState,
  diagnostics: EditorDiagnostic[] = [],
  highlight: Highlight = NO_HIGHLIGHT,
  previous?: readonly CanvasNode[],
): CanvasNode[] {
  const problems = byNode(diagnostics);
  const old = byId(previous);
  const next = flow.nodes.map((node, index): CanvasNode => {
    const measured = view.measured[node.id];
    const data: FlowNodeData = {
      node,
      diagnostics: problems.get(node.id) ?? NO_DIAGNOSTICS,
      active: highlight.active === node.id,
      visited: highlight.visited.has(node.id),
      unreached: highlight.unreachedNodes?.has(node.id) ?? false,
    };
    const before = old.get(node.id)?.data;
    return {
      id: node.id,
      type: 'flowNode',
      position: node.position ?? { x: 0, y: index * 120 },
      selected: view.selectedNodes.has(node.id),
      ...(measured ? { measured } : {}),
      data: before && sameData(before, data) ? before : data,
    };
  });
  return reuse(next, previous, old, sameNode);
}

/** Whether two canvas edges show the same. */
const sameEdge = (a: Edge, b: Edge) => sameFields(a, b, { style: sameJson });

/** Flow edges -> React Flow edges; the source handle is the output's name. `previous` as for nodes. */
export function toCanvasEdges(flow: DraftFlow, view: ViewState, highlight: Highlight = NO_HIGHLIGHT, previous?: readonly Edge[]): Edge[] {
  const next = flow.edges.map((e): Edge => {
    const id = edgeId(e);
    const taken = highlight.edges.has(id);
    const unreached = !taken && (highlight.unreachedEdges?.has(id) ?? false);
    return {
      id,
      source: e.from,
      sourceHandle: e.output,
      target: e.to,
      targetHandle: 'in',
      selected: view.selectedEdges.has(id),
      animated: taken,
      ...(taken ? { className: 'taken', style: { stroke: '#e8590c', strokeWidth: 3 } } : {}),
      // Dotted red, never animated: unlike the dashed, moving edges the call took.
      ...(unreached ? { className: 'unreached', style: { stroke: '#c92a2a', strokeWidth: 3, strokeDasharray: '1 7', strokeLinecap: 'round' } } : {}),
    };
  });
  return reuse(next, previous, byId(previous), sameEdge);
}

const NO_TRAFFIC: NodeTrafficView = { visits: 0, calls: 0, ended: 0, active: 0 };

/**
 * The traffic view over mapped nodes and edges (traffic/): each node gets its counts, each edge a
 * width by its share of the calls and a label with its steps and keys; an edge no call took is
 * thin and grey. Without a view, the arrays themselves.
 */
export function withTraffic(nodes: CanvasNode[], edges: Edge[], traffic: TrafficView | undefined): { nodes: CanvasNode[]; edges: Edge[] } {
  if (!traffic) return { nodes, edges };
  return {
    nodes: nodes.map((n) => ({ ...n, data: { ...n.data, traffic: traffic.nodes.get(n.id) ?? NO_TRAFFIC } })),
    edges: edges.map((e): Edge => {
      const counted = traffic.edges.get(e.id);
      if (!counted) return { ...e, className: `${e.className ?? ''} no-traffic`.trim(), style: { stroke: '#ced4da', strokeWidth: 1.5, ...e.style } };
      return {
        ...e,
        className: `${e.className ?? ''} traffic`.trim(),
        style: { stroke: '#1971c2', ...e.style, strokeWidth: strokeFor(counted.share) },
        label: edgeLabel(counted),
        labelShowBg: true,
        labelBgPadding: [4, 2],
        labelBgBorderRadius: 3,
        labelStyle: { fontSize: 11, fontWeight: 600 },
        ariaLabel: `${e.source} → ${e.target}: ${edgeLabel(counted)}`,
      };
    }),
  };
}
