import { resolveOptions, DEFAULT_ARI_APP, type CompileOptions, type RecordingPolicies } from '@stumpfworks/dialplan';
import type { Flow } from '@stumpfworks/flow';
import { AriClientAdapter, type AriCredentials } from '../adapter/ari-client-adapter.js';
import type { AriAdapter, DialplanTarget } from '../adapter/types.js';
import { consoleLogger, type Logger } from '../logger.js';
import type { HttpClient } from './http-client.js';
import { StasisApp } from './stasis-app.js';
import { MemoryVisitSink, type VisitSink } from './visit-sink.js';

export interface RuntimeOptions {
  /** ARI to connect to (ignored when `adapter` is given). */
  ari?: AriCredentials;
  /** A ready adapter instead of `ari` (tests use FakeAri). */
  adapter?: AriAdapter;
  /** The Stasis app name; must match the compiler's `ariApp`. Default `stumpfworks`. */
  app?: string;
  /** Every flow a call can reach: the `ari` flows and the flows they GotoFlow to or call (CallFlow). */
  flows: Flow[];
  sink?: VisitSink;
  logger?: Logger;
  /** The same dial strings the dialplan was compiled with. Defaults as the compiler's. */
  dialString?: CompileOptions['dialString'];
  transferDialString?: CompileOptions['transferDialString'];
  fallbackContext?: DialplanTarget;
  /** Apps that receive the SWFlowNode/SWFlowEnd trace (the parity suite adds its own). */
  traceApplications?: string[];
  /** Also trace `SWFlowInput` when a call starts reading keys (test drivers such as the parity suite). */
  traceInputs?: boolean;
  /** The published version of each flow, for the visits. Default: 1 for every flow. */
  flowVersion?: (flowId: string) => number;
  /** The recording policies the dialplan was compiled with (CompileOptions `recording`). Default: none. */
  recording?: RecordingPolicies;
  /** Performs the HTTP request node's requests. Default: Node's fetch (`fetchHttp`). */
  http?: HttpClient;
}

export interface Runtime {
  readonly app: StasisApp;
  readonly adapter: AriAdapter;
  readonly sink: VisitSink;
  /**
   * Hot-swaps the published flows after a publish, without restarting the Stasis app: new calls
   * run `flows`, calls in progress keep the flows they started with. Without `flowVersion` the
   * previous version function stays. `recording`: the policies of the same publish (none: not in use).
   *
   * @example
   * // after each successful publish:
   * runtime.setFlows(publishedFlows, (flowId) => publishedVersions.get(flowId) ?? 1);
   */
  setFlows(flows: Flow[], flowVersion?: (flowId: string) => number, recording?: RecordingPolicies): void;
  stop(): Promise<void>;
}

/**
 * Connects the Stasis app and runs every call that enters it. Resolves once the event socket is
 * up (retrying with backoff until ARI answers).
 *
 * @example
 * const runtime = await startRuntime({ ari: { url: process.env.ARI_URL!, user, password }, flows, traceApplications: ['stumpfworks', 'parity-caller'] });
 * // ... calls run ...
 * await runtime.stop();
 */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const logger = options.logger ?? consoleLogger;
  const appName = options.app ?? DEFAULT_ARI_APP;
  let adapter = options.adapter;
  if (!adapter) {
    if (!options.ari) throw new Error('startRuntime: give either `ari` credentials or an `adapter`');
    adapter = new AriClientAdapter({ ...options.ari, app: appName, logger });
  }
  const sink = options.sink ?? new MemoryVisitSink();
  const dialing = resolveOptions({
    ...(options.dialString ? { dialString: options.dialString } : {}),
    ...(options.transferDialString ? { transferDialString: options.transferDialString } : {}),
  });
  const app = new StasisApp({
    adapter,
    flows: options.flows,
    sink,
    logger,
    dialing,
    ...(options.fallbackContext ? { fallback: options.fallbackContext } : {}),
    ...(options.traceApplications ? { traceApplications: options.traceApplications } : {}),
    ...(options.traceInputs ? { traceInputs: true } : {}),
    ...(options.flowVersion ? { flowVersion: options.flowVersion } : {}),
    ...(options.recording ? { recording: options.recording } : {}),
    ...(options.http ? { http: options.http } : {}),
  });
  await adapter.connect();
  const connected = adapter;
  return {
    app,
    adapter: connected,
    sink,
    setFlows: (flows, flowVersion, recording) => app.setFlows(flows, flowVersion, recording),
    async stop() {
      app.stop();
      await connected.close();
    },
  };
}
