/** What the layout worker gets: node boxes with their output ports, and the edges between ports. */
export interface LayoutRequest {
  nodes: { id: string; width: number; height: number; outputs: string[] }[];
  edges: { from: string; output: string; to: string }[];
}

/** `elkMs`: how long elk took inside the worker (without starting the worker and copying messages). */
export type LayoutResponse = { ok: true; positions: Record<string, { x: number; y: number }>; elkMs: number } | { ok: false; message: string };

/** The name of the performance measure each finished layout leaves (read by `pnpm bench editor`). */
export const LAYOUT_MEASURE = 'swf:layout';

/** What the layout measure carries besides its start and duration (the round trip through the worker). */
export interface LayoutMeasureDetail {
  nodes: number;
  edges: number;
  elkMs: number;
}

export class LayoutError extends Error {
  constructor(
    readonly code: 'deadline' | 'elk' | 'worker',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Positions for a graph, computed by elkjs in a Web Worker so the page never freezes. A worker
 * that misses the deadline (by default 5 s, and 10 ms per node for large graphs) is terminated and
 * the promise rejects with a `deadline` LayoutError. Each layout that succeeds leaves a
 * `performance.measure` named {@link LAYOUT_MEASURE}.
 *
 * @example
 * const positions = await layout({ nodes, edges }, 5000);
 */
export function layout(request: LayoutRequest, deadlineMs = Math.max(5000, 10 * request.nodes.length)): Promise<Record<string, { x: number; y: number }>> {
  const start = performance.now();
  const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.terminate();
      reject(new LayoutError('deadline', `layout took longer than ${deadlineMs} ms`));
    }, deadlineMs);
    const finish = () => {
      clearTimeout(timer);
      worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
      finish();
      if (event.data.ok) {
        const detail: LayoutMeasureDetail = { nodes: request.nodes.length, edges: request.edges.length, elkMs: event.data.elkMs };
        performance.measure(LAYOUT_MEASURE, { start, end: performance.now(), detail });
        resolve(event.data.positions);
      } else {
        reject(new LayoutError('elk', event.data.message));
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(new LayoutError('worker', event.message || 'the layout worker failed'));
    };
    worker.postMessage(request);
  });
}
