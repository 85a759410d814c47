/// <reference lib="webworker" />
import ELK from 'elkjs/lib/elk.bundled.js';
import type { LayoutRequest, LayoutResponse } from './layout.js';

const elk = new ELK();

/** From this many nodes on, elk tries fewer orderings to reduce crossings (the default tries 7). */
const LARGE_GRAPH = 200;

/**
 * Lays out one graph with elk's layered algorithm, left to right. Outputs are ports on the right in
 * their order; a node's one input is a port on the left, as React Flow draws it.
 */
self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { nodes, edges } = event.data;
  try {
    const start = performance.now();
    const targets = new Set(edges.map((e) => e.to));
    const graph = await elk.layout({
      id: 'root',
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': 'RIGHT',
        'elk.spacing.nodeNode': '40',
        'elk.layered.spacing.nodeNodeBetweenLayers': '80',
        'elk.portConstraints': 'FIXED_ORDER',
        ...(nodes.length >= LARGE_GRAPH ? { 'elk.layered.thoroughness': '1' } : {}),
      },
      children: nodes.map((n) => ({
        id: n.id,
        width: n.width,
        height: n.height,
        ports: [
          ...(targets.has(n.id) ? [{ id: `${n.id}::in`, layoutOptions: { 'elk.port.side': 'WEST' } }] : []),
          ...n.outputs.map((o, i) => ({ id: `${n.id}::${o}`, layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) } })),
        ],
      })),
      edges: edges.map((e, i) => ({ id: `e${i}`, sources: [`${e.from}::${e.output}`], targets: [`${e.to}::in`] })),
    });
    const elkMs = performance.now() - start;
    const positions: Record<string, { x: number; y: number }> = {};
    for (const child of graph.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
    (self as unknown as Worker).postMessage({ ok: true, positions, elkMs } satisfies LayoutResponse);
  } catch (error) {
    (self as unknown as Worker).postMessage({ ok: false, message: (error as Error).message } satisfies LayoutResponse);
  }
};
