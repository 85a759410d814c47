import type { Flow } from '@stumpfworks/flow';
import type { TriedPath } from './coverage.js';

export type AllPathsResponse = { ok: true; paths: TriedPath[]; truncated: number } | { ok: false; message: string };

/**
 * "Try all paths": the engine's enumeratePaths over the flow (and its sub-flows) at the simulator's clock and caller ID,
 * in a Web Worker so the page stays responsive; rejects with the engine's message.
 */
export function allPathsInWorker(flow: Flow, at: string, callerId: string, subFlows: readonly Flow[]): Promise<{ paths: TriedPath[]; truncated: number }> {
  const worker = new Worker(new URL('./coverage.worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<AllPathsResponse>) => {
      worker.terminate();
      if (event.data.ok) resolve({ paths: event.data.paths, truncated: event.data.truncated });
      else reject(new Error(event.data.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the path worker failed'));
    };
    worker.postMessage({ flow, at, callerId, subFlows });
  });
}
