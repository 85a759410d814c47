import type { CanvasNode } from './mapping.js';

/** A rectangle in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The size assumed for a node React Flow has not measured yet (on a large flow: never in view). */
export const UNMEASURED_SIZE = { width: 200, height: 120 };

/** Margin around the overview's content, in pixels of the overview (as React Flow's MiniMap). */
const MARGIN = 5;

/** Every node as a rectangle, one SVG path per colour, and the bounds of them all. */
export function overviewShapes(nodes: readonly CanvasNode[], colourOf: (node: CanvasNode) => string): { paths: { colour: string; d: string }[]; bounds?: Box } {
  const byColour = new Map<string, string[]>();
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const node of nodes) {
    const { width, height } = node.measured?.width && node.measured.height ? (node.measured as Box) : UNMEASURED_SIZE;
    const { x, y } = node.position;
    const colour = colourOf(node);
    const rects = byColour.get(colour) ?? byColour.set(colour, []).get(colour)!;
    rects.push(`M${x} ${y}h${width}v${height}h${-width}z`);
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x + width), Math.max(y1, y + height)];
  }
  const paths = [...byColour].map(([colour, rects]) => ({ colour, d: rects.join('') }));
  return nodes.length === 0 ? { paths } : { paths, bounds: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } };
}

/**
 * The view box of an overview of `size` pixels that shows the nodes' `bounds` and the `view`
 * (centred, the aspect ratio kept, filling the element), and the mask path that greys out all
 * but the view.
 */
export function overviewFrame(bounds: Box | undefined, view: Box, size: { width: number; height: number }): { viewBox: Box; mask: string } {
  const x0 = Math.min(view.x, bounds?.x ?? view.x);
  const y0 = Math.min(view.y, bounds?.y ?? view.y);
  const shown = {
    x: x0,
    y: y0,
    width: Math.max(view.x + view.width, bounds ? bounds.x + bounds.width : -Infinity) - x0,
    height: Math.max(view.y + view.height, bounds ? bounds.y + bounds.height : -Infinity) - y0,
  };
  const scale = Math.max(shown.width / size.width, shown.height / size.height);
  const margin = MARGIN * scale;
  const width = scale * size.width + 2 * margin;
  const height = scale * size.height + 2 * margin;
  const viewBox = { x: shown.x - (width - shown.width) / 2, y: shown.y - (height - shown.height) / 2, width, height };
  const outside = `M${viewBox.x - margin},${viewBox.y - margin}h${width + 2 * margin}v${height + 2 * margin}h${-width - 2 * margin}z`;
  return { viewBox, mask: `${outside}M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z` };
}
