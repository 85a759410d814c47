/** What the layout worker gets: node boxes with their output ports, and the edges between ports. */
export interface LayoutRequest {
  nodes: { id: string; width: number; height: number; outputs: string[] }[];
  edges: { from: string; output: string; to: string }[];
}

export type LayoutResponse = { ok: true; positions: Record<string, { x: number; y: number }> } | { ok: false; message: string };

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
 * that misses the deadline is terminated and the promise rejects with a `deadline` LayoutError.
 *
 * @example
 * const positions = await layout({ nodes, edges }, 5000);
 */
export function layout(request: LayoutRequest, deadlineMs = 5000): Promise<Record<string, { x: number; y: number }>> {
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
      if (event.data.ok) resolve(event.data.positions);
      else reject(new LayoutError('elk', event.data.message));
    };
    worker.onerror = (event) => {
      finish();
      reject(new LayoutError('worker', event.message || 'the layout worker failed'));
    };
    worker.postMessage(request);
  });
}
