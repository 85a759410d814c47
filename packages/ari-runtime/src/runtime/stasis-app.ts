import { flowLibrary, type Clock, type Outcome } from '@stumpfworks/engine';
import type { Flow } from '@stumpfworks/flow';
import { FALLBACK_CONTEXT, RESUME_ARG, type RecordingPolicies, type ResolvedOptions } from '@stumpfworks/dialplan';
import { AriRequestError, type AriAdapter, type AriChannel, type AriEvent, type DialplanTarget } from '../adapter/types.js';
import { errorText, type Logger } from '../logger.js';
import { CallSession } from './call-session.js';
import type { FlowSet, RuntimeContext } from './context.js';
import { fetchHttp, type HttpClient } from './http-client.js';
import { TraceEmitter } from './trace.js';
import type { VisitSink } from './visit-sink.js';

export interface StasisAppOptions {
  adapter: AriAdapter;
  /** Every flow a call can reach; `setFlows` replaces them later. */
  flows: Flow[];
  sink: VisitSink;
  logger: Logger;
  dialing: Pick<ResolvedOptions, 'dialString' | 'transferDialString'>;
  /** Where calls go that the app cannot run. Default `stumpfworks-fallback,s,1`. */
  fallback?: DialplanTarget;
  /** Apps that receive the SWFlowNode/SWFlowEnd trace. Default: the runtime's own app. */
  traceApplications?: string[];
  /** Also trace `SWFlowInput` when a call starts reading keys (test drivers). Default false. */
  traceInputs?: boolean;
  /** The published version of each flow, for the visits. Default: 1. */
  flowVersion?: (flowId: string) => number;
  /** The recording policies the dialplan was published with (`recordingPolicies`); `setFlows` replaces them. Default: none. */
  recording?: RecordingPolicies;
  /** Performs the HTTP request node's requests. Default: `fetchHttp` (Node's fetch). */
  http?: HttpClient;
  /** Milliseconds after a (re)connect before channels left in the app are swept to the fallback. Default 1000. */
  sweepDelayMs?: number;
  /** The call's clock when SWF_NOW is not set. Default: the wall clock. */
  clock?: Clock;
}

/**
 * The Stasis app: a call entering with `Stasis(<app>,<flowId>)` becomes a CallSession; a channel
 * coming back from a hand-over (`resume,<token>,<status>`) goes back to its session.
 *
 * The safety net: when the event socket drops, every call in progress is given up and continued to
 * the fallback context at once (REST usually still works; the app cannot see keys or hangups
 * meanwhile). After each (re)connect, channels still parked in the app without a session (left
 * by an outage, a crash, or a hand-over that came back to a forgotten session) are swept there too.
 */
export class StasisApp {
  private readonly sessions = new Map<string, CallSession>();
  /** Channels between StasisStart and their session (reading SWF_NOW): the sweep must leave them alone. */
  private readonly starting = new Set<string>();
  private readonly ctx: RuntimeContext;
  private readonly fallback: DialplanTarget;
  private flows: FlowSet;
  private flowVersion: (flowId: string) => number;
  private readonly offs: Array<() => void> = [];
  private sweepTimer: NodeJS.Timeout | undefined;
  /** The outcomes of the last `KEPT_OUTCOMES` calls, for tests and logs; undefined when a call failed or was given up. */
  readonly outcomes = new Map<string, Outcome | undefined>();

  constructor(private readonly options: StasisAppOptions) {
    this.fallback = options.fallback ?? { context: FALLBACK_CONTEXT, extension: 's', priority: 1 };
    const { adapter, logger } = options;
    this.flowVersion = options.flowVersion ?? (() => 1);
    this.flows = flowSet(options.flows, this.flowVersion, options.recording);
    this.ctx = {
      adapter,
      sink: options.sink,
      http: options.http ?? fetchHttp,
      logger,
      trace: new TraceEmitter(adapter, options.traceApplications ?? [adapter.app], logger, options.traceInputs ?? false),
      dialing: options.dialing,
      toFallback: (channelId, reason) => this.toFallback(channelId, reason),
      ended: (session, outcome) => {
        this.sessions.delete(session.callId);
        this.remember(session.callId, outcome);
      },
    };
    this.offs.push(adapter.onEvent((event) => this.onEvent(event)));
    this.offs.push(adapter.onConnection((state) => (state === 'connected' ? this.scheduleSweep() : this.onDisconnect())));
  }

  /**
   * Replaces the flows (after a publish) without restarting the app. Calls that enter from now on
   * run the new flows; calls in progress keep the flows and versions they started with, their
   * sub-flows included. Without `flowVersion` the previous version function stays; the versions
   * are read once, here. The recording policies are those of the same publish (none: no resource
   * opts in).
   *
   * @throws EngineError `duplicate-flow` when a flow id is given twice (the old flows stay).
   */
  setFlows(flows: Flow[], flowVersion?: (flowId: string) => number, recording?: RecordingPolicies): void {
    const version = flowVersion ?? this.flowVersion;
    this.flows = flowSet(flows, version, recording);
    this.flowVersion = version;
  }

  /** Calls in progress. */
  get activeCalls(): number {
    return this.sessions.size;
  }

  stop(): void {
    for (const off of this.offs) off();
    clearTimeout(this.sweepTimer);
  }

  private onEvent(event: AriEvent): void {
    if (event.type === 'PlaybackFinished') {
      const channelId = event.playback.target_uri.replace(/^channel:/, '');
      this.sessions.get(channelId)?.handle(event);
      return;
    }
    if (event.type === 'StasisStart') {
      void this.onStart(event.channel, event.args);
      return;
    }
    // Trace events (our own SWFlowNode/SWFlowEnd come back to this app) mean nothing to a call.
    if (event.type === 'ChannelUserevent') return;
    this.sessions.get(event.channel.id)?.handle(event);
  }

  private async onStart(channel: AriChannel, args: string[]): Promise<void> {
    const [first = '', token = '', status = '', peer] = args;
    if (first === RESUME_ARG) {
      if (this.sessions.get(channel.id)?.resume(token, status, peer)) return;
      this.options.logger.warn('a hand-over came back to no call in progress', { callId: channel.id, token });
      await this.toFallback(channel.id, 'unknown-call');
      return;
    }
    const flows = this.flows;
    if (!flows.library.get(first)) {
      this.options.logger.error('a call asked for an unknown flow', { callId: channel.id, flowId: first });
      await this.toFallback(channel.id, 'unknown-flow');
      return;
    }
    let clock = this.options.clock ?? { now: () => new Date() };
    this.starting.add(channel.id);
    try {
      const now = await this.options.adapter.getChannelVar(channel.id, 'SWF_NOW');
      if (now !== undefined && /^\d+$/.test(now)) {
        const at = Number(now) * 1000;
        clock = { now: () => new Date(at) };
      }
    } catch (error) {
      this.options.logger.error('cannot read SWF_NOW; the call goes to the fallback', { callId: channel.id, error: errorText(error) });
      await this.toFallback(channel.id, 'error');
      return;
    } finally {
      this.starting.delete(channel.id);
    }
    const session = new CallSession(this.ctx, channel.id, clock, flows);
    this.sessions.set(channel.id, session);
    session.start(first, channel.caller.number);
  }

  private onDisconnect(): void {
    clearTimeout(this.sweepTimer);
    const calls = [...this.sessions.values()];
    if (calls.length > 0) this.options.logger.warn('ARI event socket lost: calls go to the fallback context', { calls: calls.length });
    for (const session of calls) {
      this.sessions.delete(session.callId);
      this.remember(session.callId, undefined);
      void session.abandon('disconnected');
    }
  }

  private remember(callId: string, outcome: Outcome | undefined): void {
    this.outcomes.set(callId, outcome);
    if (this.outcomes.size > KEPT_OUTCOMES) this.outcomes.delete(this.outcomes.keys().next().value!);
  }

  private scheduleSweep(): void {
    clearTimeout(this.sweepTimer);
    this.sweepTimer = setTimeout(() => void this.sweep(), this.options.sweepDelayMs ?? 1000);
  }

  /** Channels parked in this app with no session go to the fallback context. */
  async sweep(): Promise<number> {
    const { adapter, logger } = this.options;
    let channels: AriChannel[];
    try {
      channels = await adapter.listChannels();
    } catch (error) {
      logger.warn('sweep: cannot list channels', { error: errorText(error) });
      return 0;
    }
    // A channel younger than the grace may have a StasisStart still on its way.
    const settled = (c: AriChannel) => !c.creationtime || Date.now() - Date.parse(c.creationtime.replace(/(\d\d)(\d\d)$/, '$1:$2')) > SWEEP_MIN_AGE_MS;
    const parked = channels.filter((c) => inApp(c, adapter.app) && !this.sessions.has(c.id) && !this.starting.has(c.id) && settled(c));
    for (const channel of parked) {
      logger.warn('sweep: a channel was left in the app, sending it to the fallback', { callId: channel.id });
      await this.toFallback(channel.id, 'disconnected');
    }
    return parked.length;
  }

  private async toFallback(channelId: string, reason: string): Promise<void> {
    const { adapter, logger } = this.options;
    try {
      await adapter.setChannelVar(channelId, 'SWF_FALLBACK_REASON', reason);
      await adapter.continueInDialplan(channelId, this.fallback);
      return;
    } catch (error) {
      if (error instanceof AriRequestError && error.status === 409) {
        logger.warn('the channel left the app meanwhile; not sent to the fallback', { callId: channelId, reason });
        return;
      }
      logger.error('cannot continue the channel to the fallback context, hanging up', { callId: channelId, reason, error: errorText(error) });
    }
    try {
      await adapter.hangup(channelId);
    } catch (error) {
      logger.error('cannot hang up the channel either', { callId: channelId, error: errorText(error) });
    }
  }
}

/** A flow set with its versions read once: what one call keeps for its whole life. */
function flowSet(flows: Flow[], flowVersion: (flowId: string) => number, recording: RecordingPolicies | undefined): FlowSet {
  const library = flowLibrary(flows);
  const versions = new Map(flows.map((flow) => [flow.id, flowVersion(flow.id)]));
  return { library, version: (flowId) => versions.get(flowId) ?? 1, recording };
}

const KEPT_OUTCOMES = 1000;
/** Channels at least this old are swept (younger ones may still be starting). */
const SWEEP_MIN_AGE_MS = 2000;

/** A channel parked in Stasis for `app` (entered with `Stasis(app,...)`). */
function inApp(channel: AriChannel, app: string): boolean {
  const data = channel.dialplan?.app_data ?? '';
  return channel.dialplan?.app_name === 'Stasis' && (data === app || data.startsWith(`${app},`));
}
