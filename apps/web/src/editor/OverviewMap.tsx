import { useMemo, useRef, type PointerEvent, type WheelEvent } from 'react';
import { Panel, useReactFlow, useStore } from '@xyflow/react';
import type { CanvasNode } from './mapping.js';
import { overviewFrame, overviewShapes } from './overview.js';

const SIZE = { width: 200, height: 150 };
const WHEEL_ZOOM = 1.2;

/**
 * The overview of a large flow, in place of React Flow's MiniMap: the nodes drawn as one path per
 * colour (the MiniMap keeps a component and an element per node, all updated when a layout moves
 * them), the view outlined. Press or drag to move the view there; the wheel zooms.
 */
export function OverviewMap({ nodes, colourOf, label }: { nodes: readonly CanvasNode[]; colourOf: (node: CanvasNode) => string; label: string }) {
  const flow = useReactFlow();
  const transform = useStore((s) => s.transform);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const shapes = useMemo(() => overviewShapes(nodes, colourOf), [nodes, colourOf]);
  const [tx, ty, zoom] = transform;
  const { viewBox, mask } = overviewFrame(shapes.bounds, { x: -tx / zoom, y: -ty / zoom, width: width / zoom, height: height / zoom }, SIZE);
  const svg = useRef<SVGSVGElement>(null);
  const centreAt = (event: PointerEvent) => {
    const matrix = svg.current?.getScreenCTM();
    if (!matrix) return;
    const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    void flow.setCenter(at.x, at.y, { zoom });
  };
  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    centreAt(event);
  };
  const onWheel = (event: WheelEvent) => void flow.zoomTo(event.deltaY < 0 ? zoom * WHEEL_ZOOM : zoom / WHEEL_ZOOM);
  return (
    <Panel position="bottom-right" className="react-flow__minimap overview-map">
      <svg
        ref={svg}
        className="react-flow__minimap-svg"
        width={SIZE.width}
        height={SIZE.height}
        viewBox={`${viewBox.x} ${viewBox.y} ${viewBox.width} ${viewBox.height}`}
        role="img"
        aria-label={label}
        onPointerDown={onPointerDown}
        onPointerMove={(event) => event.buttons === 1 && centreAt(event)}
        onWheel={onWheel}
      >
        {shapes.paths.map((p) => (
          <path key={p.colour} d={p.d} fill={p.colour} shapeRendering="crispEdges" />
        ))}
        <path className="react-flow__minimap-mask" d={mask} fillRule="evenodd" pointerEvents="none" />
      </svg>
    </Panel>
  );
}
