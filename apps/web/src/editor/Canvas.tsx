import { useCallback, useMemo, type DragEvent } from 'react';
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type EdgeChange, type NodeChange } from '@xyflow/react';
import { nodeTypeDescription } from '@stumpfworks/flow';
import { useI18n } from '../i18n.js';
import { useSimulator } from '../simulator/store.js';
import { FlowNodeView } from './FlowNodeView.js';
import { toCanvasEdges, toCanvasNodes, type CanvasNode } from './mapping.js';
import { PALETTE_MIME } from './Palette.js';
import { useEditor } from './store.js';

const nodeTypes = { flowNode: FlowNodeView };
const CATEGORY_COLOURS: Record<string, string> = { call: '#2b8a3e', prompt: '#1c7ed6', logic: '#7048e8', destination: '#e8590c' };
const minimapColour = (node: CanvasNode) => CATEGORY_COLOURS[nodeTypeDescription(node.data.node.type)?.category ?? ''] ?? '#adb5bd';

/** The React Flow canvas over the editor store; nodes and edges are mapped from the flow each render. */
export function Canvas() {
  const { t } = useI18n();
  const { state, dispatch, checked } = useEditor();
  const { highlight } = useSimulator();
  const flow = useReactFlow();
  const nodes = useMemo(() => toCanvasNodes(state.flow, state, checked.diagnostics, highlight), [state, checked, highlight]);
  const edges = useMemo(() => toCanvasEdges(state.flow, state, highlight), [state, highlight]);
  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => dispatch({ type: 'nodesChanged', changes }), [dispatch]);
  const onEdgesChange = useCallback((changes: EdgeChange[]) => dispatch({ type: 'edgesChanged', changes }), [dispatch]);
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
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={(connection) => dispatch({ type: 'connect', connection })}
        deleteKeyCode={null}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        fitView
        fitViewOptions={{ maxZoom: 1 }}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls />
        <MiniMap pannable zoomable ariaLabel="Minimap" nodeColor={minimapColour} />
      </ReactFlow>
      {state.flow.nodes.length === 0 && <p className="canvas-empty">{t('dropHere')}</p>}
    </div>
  );
}
