import { useCallback, useEffect, useMemo, useRef, type DragEvent } from 'react';
import {
  Background,
  Controls,
  getViewportForBounds,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStoreApi,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { nodeTypeDescription } from '@stumpfworks/flow';
import { useI18n } from '../i18n.js';
import { useSimulator } from '../simulator/store.js';
import { FlowNodeView } from './FlowNodeView.js';
import { toCanvasEdges, toCanvasNodes, withTraffic, type CanvasNode } from './mapping.js';
import { useTraffic } from '../traffic/store.js';
import { OverviewMap } from './OverviewMap.js';
import { PALETTE_MIME } from './Palette.js';
import { useChecked, useDispatch, useEditorState } from './store.js';

const nodeTypes = { flowNode: FlowNodeView };
const CATEGORY_COLOURS: Record<string, string> = { call: '#2b8a3e', prompt: '#1c7ed6', logic: '#7048e8', destination: '#e8590c' };
const minimapColour = (node: CanvasNode) => CATEGORY_COLOURS[nodeTypeDescription(node.data.node.type)?.category ?? ''] ?? '#adb5bd';
// Props as constants: new objects on every render would make React Flow update its store each time.
const FIT_VIEW_OPTIONS = { maxZoom: 1 };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const PRO_OPTIONS = { hideAttribution: true };
/**
 * From this many nodes on, only the nodes and edges in view are in the DOM (panning stays smooth),
 * and the overview draws all nodes as a few paths.
 */
const LARGE_FLOW = 200;

/**
 * How the view is fitted to the whole flow. Animated, each frame of the zoom builds and measures
 * the nodes coming into view: on a large flow that is hundreds of nodes a frame, so it jumps there.
 */
export const fitOptions = (nodeCount: number) => ({ padding: 0.1, maxZoom: 1, duration: nodeCount >= LARGE_FLOW ? 0 : 300 });

/**
 * The React Flow canvas over the editor store; nodes and edges are mapped from the flow each
 * render, keeping the objects of the ones that did not change.
 */
export function Canvas() {
  const { t } = useI18n();
  const flowDoc = useEditorState((s) => s.flow);
  const selectedNodes = useEditorState((s) => s.selectedNodes);
  const selectedEdges = useEditorState((s) => s.selectedEdges);
  const measured = useEditorState((s) => s.measured);
  const layouts = useEditorState((s) => s.layouts);
  const dispatch = useDispatch();
  const checked = useChecked();
  const { highlight } = useSimulator();
  const traffic = useTraffic().view;
  const flow = useReactFlow();
  const store = useStoreApi();
  const lastNodes = useRef<CanvasNode[]>(undefined);
  const lastEdges = useRef<Edge[]>(undefined);
  const view = useMemo(() => ({ selectedNodes, selectedEdges, measured }), [selectedNodes, selectedEdges, measured]);
  const nodes = useMemo(() => (lastNodes.current = toCanvasNodes(flowDoc, view, checked.diagnostics, highlight, lastNodes.current)), [flowDoc, view, checked, highlight]);
  const edges = useMemo(() => (lastEdges.current = toCanvasEdges(flowDoc, view, highlight, lastEdges.current)), [flowDoc, view, highlight]);
  // The traffic view on top, so the mapping above keeps reusing its objects.
  const shown = useMemo(() => withTraffic(nodes, edges, traffic), [nodes, edges, traffic]);
  const onConnect = useCallback((connection: Connection) => dispatch({ type: 'connect', connection }), [dispatch]);
  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => dispatch({ type: 'nodesChanged', changes }), [dispatch]);
  const onEdgesChange = useCallback((changes: EdgeChange[]) => dispatch({ type: 'edgesChanged', changes }), [dispatch]);
  // After an auto-layout. This effect runs after React Flow's own effect has taken the new positions
  // and before it draws them, so the nodes in view are built once, where they end up (a fitView()
  // call would be applied a frame later, after building the nodes in view of the old viewport).
  useEffect(() => {
    if (layouts === 0) return;
    const { width, height, minZoom, nodeLookup } = store.getState();
    const options = fitOptions(nodeLookup.size);
    const bounds = flow.getNodesBounds([...nodeLookup.keys()]);
    void flow.setViewport(getViewportForBounds(bounds, width, height, minZoom, options.maxZoom, options.padding), { duration: options.duration });
  }, [layouts]); // only a new layout fits the view, not the other changes of the flow
  const onDragOver = (event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const type = event.dataTransfer.getData(PALETTE_MIME);
    if (!type) return;
    dispatch({ type: 'addNode', nodeType: type, position: flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }) });
  };
  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} aria-label={t('canvas')} data-testid="canvas">
      <ReactFlow
        nodes={shown.nodes}
        edges={shown.edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        deleteKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        onlyRenderVisibleElements={nodes.length >= LARGE_FLOW}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.1}
        proOptions={PRO_OPTIONS}
      >
        <Background />
        <Controls />
        {nodes.length >= LARGE_FLOW ? (
          <OverviewMap nodes={nodes} colourOf={minimapColour} label={t('minimap')} />
        ) : (
          <MiniMap pannable zoomable ariaLabel={t('minimap')} nodeColor={minimapColour} />
        )}
      </ReactFlow>
      {flowDoc.nodes.length === 0 && <p className="canvas-empty">{t('dropHere')}</p>}
    </div>
  );
}
