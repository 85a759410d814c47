/// <reference lib="webworker" />
import '../zod-without-eval.js';
import type { Flow } from '@stumpfworks/flow';
import { tryAllPaths } from './coverage.js';
import type { AllPathsResponse } from './all-paths.js';

/** Enumerates every path of one flow at one clock (thousands of simulated calls) off the page's thread. */
self.onmessage = (event: MessageEvent<{ flow: Flow; at: string; callerId: string; subFlows: Flow[] }>) => {
  const { flow, at, callerId, subFlows } = event.data;
  try {
    (self as unknown as Worker).postMessage({ ok: true, ...tryAllPaths(flow, at, callerId, subFlows) } satisfies AllPathsResponse);
  } catch (error) {
    (self as unknown as Worker).postMessage({ ok: false, message: (error as Error).message } satisfies AllPathsResponse);
  }
};
