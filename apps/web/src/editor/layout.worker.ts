/// <reference lib="webworker" />
import ELK from 'elkjs/lib/elk.bundled.js';
import type { LayoutRequest, LayoutResponse } from './layout.js';

const elk = new ELK();

/** Lays out one graph with elk's layered algorithm, left to right, ports in output order. */
self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { nodes, edges } = event.data;
  try {
    const graph = await elk.layout({
      id: 'root',
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': 'RIGHT',
        'elk.spacing.nodeNode': '40',
        'elk.layered.spacing.nodeNodeBetweenLayers': '80',
        'elk.portConstraints': 'FIXED_ORDER',
      },
      children: nodes.map((n) => ({
        id: n.id,
        width: n.width,
        height: n.height,
        ports: n.outputs.map((o, i) => ({ id: `${n.id}::${o}`, layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) } })),
      })),
      edges: edges.map((e, i) => ({ id: `e${i}`, sources: [`${e.from}::${e.output}`], targets: [e.to] })),
    });
    const positions: Record<string, { x: number; y: number }> = {};
    for (const child of graph.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
    (self as unknown as Worker).postMessage({ ok: true, positions } satisfies LayoutResponse);
  } catch (error) {
    (self as unknown as Worker).postMessage({ ok: false, message: (error as Error).message } satisfies LayoutResponse);
  }
};
