import { describe, expect, it } from 'vitest';
import { emptyFlow, type DraftFlow } from './draft.js';
import { toCanvasNodes } from './mapping.js';
import { overviewFrame, overviewShapes } from './overview.js';

const flow: DraftFlow = {
  ...emptyFlow(),
  nodes: [
    { id: 'start', type: 'Start', position: { x: 0, y: 0 }, params: {} },
    { id: 'menu', type: 'Menu', position: { x: 300, y: 100 }, params: {} },
    { id: 'bye', type: 'Hangup', position: { x: 600, y: -50 }, params: {} },
  ],
  edges: [],
};
const measured = { start: { width: 100, height: 40 }, bye: { width: 80, height: 30 } };
const nodes = toCanvasNodes(flow, { selectedNodes: new Set(), selectedEdges: new Set(), measured });
const colourOf = (node: (typeof nodes)[number]) => (node.data.node.type === 'Hangup' ? 'red' : 'blue');

describe('the overview of a large flow', () => {
  it('draws the nodes as one path per colour, unmeasured ones at the size the layout assumes', () => {
    const { paths, bounds } = overviewShapes(nodes, colourOf);
    expect(paths).toEqual([
      { colour: 'blue', d: 'M0 0h100v40h-100zM300 100h200v120h-200z' },
      { colour: 'red', d: 'M600 -50h80v30h-80z' },
    ]);
    expect(bounds).toEqual({ x: 0, y: -50, width: 680, height: 270 });
    expect(overviewShapes([], colourOf)).toEqual({ paths: [] });
  });

  it('shows the nodes and the view, centred and filling the element, and masks all but the view', () => {
    const bounds = { x: 0, y: 0, width: 400, height: 100 };
    const view = { x: 100, y: -100, width: 100, height: 50 };
    // Shown: x 0..400, y -100..100 (400 x 200) in 200 x 150 pixels: 2 units a pixel, the height
    // filled up to 300 units, and a margin of 5 pixels (10 units) all round.
    const { viewBox, mask } = overviewFrame(bounds, view, { width: 200, height: 150 });
    expect(viewBox).toEqual({ x: -10, y: -160, width: 420, height: 320 });
    expect(mask).toBe('M-20,-170h440v340h-440zM100,-100h100v50h-100z');
    expect(overviewFrame(undefined, view, { width: 200, height: 100 }).viewBox).toEqual({ x: 97.5, y: -102.5, width: 105, height: 55 });
  });
});
