import {
  AriClientAdapter,
  DialplanVisitSource,
  startRuntime,
  type AriAdapter,
  type Logger,
  type Runtime,
  type VisitSink,
} from '@stumpfworks/ari-runtime';
import { DEFAULT_ARI_APP, type RecordingPolicies } from '@stumpfworks/dialplan';
import type { Flow } from '@stumpfworks/flow';
import { runtimeHealth, type RuntimeHealth } from './runtime-health.js';

/** The flows a runtime runs and the published version of each. */
export interface PublishedFlows {
  flows: Flow[];
  versions: Record<string, number>;
  /** The recording policies of the same publish (`recordingPolicies`); absent while no resource opts in. */
  recording?: RecordingPolicies;
}

export interface FlowRuntimeOptions {
  ari: { url: string; user: string; password: string };
  /** The published flows at start-up (the last publish's, as stored). */
  initial: PublishedFlows;
  /** Where each engine's node visits go. */
  sinks: { ari: VisitSink; dialplan: VisitSink };
  log: (line: string) => void;
  /** The Stasis app; must be the compiler's `ariApp` (default `stumpfworks`). */
  app?: string;
  /** The ARI adapter of an app (default AriClientAdapter); unit tests give FakeAri. */
  adapter?: (app: string, logger: Logger) => AriAdapter;
}

/** The Stasis apps a runtime registers: the flows' app, and the visit watcher `<app>-visits`. */
export function runtimeApps(app: string = DEFAULT_ARI_APP): [flows: string, visits: string] {
  return [app, `${app}-visits`];
}

/**
 * The ARI engine inside the server: the Stasis app that runs every `deployment: "ari"` flow (the
 * compiled dialplan hands such calls over to it), and the watcher (app `<app>-visits`) that turns
 * the dialplan engine's trace into node visits. Both connect in the background and retry with
 * backoff for as long as Asterisk is down, so the server starts without Asterisk. `setFlows`
 * after each publish swaps the flows without a restart (calls in progress keep theirs).
 */
export class FlowRuntime {
  private runtime: Runtime | undefined;
  private latest: PublishedFlows;
  private stopped = false;
  private readonly starting: Promise<void>;
  private readonly logger: Logger;
  private readonly adapters: { stasis: AriAdapter; visits: AriAdapter };
  private readonly source: DialplanVisitSource;

  constructor(private readonly options: FlowRuntimeOptions) {
    this.latest = options.initial;
    const line = (level: string) => (message: string, fields?: Record<string, unknown>) =>
      options.log(`[runtime] ${level} ${message}${fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : ''}`);
    this.logger = { info: line('info'), warn: line('warn'), error: line('error') };
    const [app, visits] = runtimeApps(options.app);
    const adapter = options.adapter ?? ((name: string, logger: Logger) => new AriClientAdapter({ ...options.ari, app: name, logger }));
    this.adapters = { stasis: adapter(app, this.logger), visits: adapter(visits, this.logger) };
    this.source = new DialplanVisitSource({
      adapter: this.adapters.visits,
      sink: options.sinks.dialplan,
      logger: this.logger,
      flowVersion: (flowId) => this.latest.versions[flowId] ?? 1,
    });
    this.starting = this.start(app).catch((error: unknown) => {
      if (!this.stopped) this.logger.error('the ARI runtime did not start; ari flows go to the fallback context', { error: (error as Error).message });
    });
  }

  /** Resolves once the Stasis app and the visit watcher are connected, or gave up (tests; the server does not wait). */
  ready(): Promise<void> {
    return this.starting;
  }

  /** Whether the Stasis app is connected to ARI now. */
  get connected(): boolean {
    return this.adapters.stasis.state === 'connected';
  }

  /** What Asterisk has of the two apps (registered, taken over, missing, connecting) and since when. */
  health(): RuntimeHealth {
    return runtimeHealth([
      { role: 'flows', status: this.adapters.stasis.registration },
      { role: 'visits', status: this.adapters.visits.registration },
    ]);
  }

  /** After a publish: new calls run these flows. */
  setFlows(published: PublishedFlows): void {
    this.latest = published;
    this.runtime?.setFlows(published.flows, (flowId) => published.versions[flowId] ?? 1, published.recording);
  }

  /** Disconnects both apps (also while they are still trying to connect). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.runtime) await this.runtime.stop();
    else await this.adapters.stasis.close();
    await this.source.stop();
    await this.starting;
  }

  private async start(app: string): Promise<void> {
    const [runtime] = await Promise.all([
      startRuntime({
        adapter: this.adapters.stasis,
        app,
        flows: this.latest.flows,
        flowVersion: (flowId) => this.latest.versions[flowId] ?? 1,
        ...(this.latest.recording ? { recording: this.latest.recording } : {}),
        sink: this.options.sinks.ari,
        logger: this.logger,
      }),
      this.source.start(),
    ]);
    this.runtime = runtime;
    if (this.stopped) return runtime.stop();
    // Flows published while it was connecting.
    runtime.setFlows(this.latest.flows, (flowId) => this.latest.versions[flowId] ?? 1, this.latest.recording);
    this.options.log(`[runtime] Stasis app "${app}" and the visit watcher "${app}-visits" connected; ${this.latest.flows.length} published flow(s)`);
  }
}
