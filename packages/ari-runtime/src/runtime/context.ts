import type { FlowLibrary, Outcome } from '@stumpfworks/engine';
import type { HttpClient } from './http-client.js';
import type { RecordingPolicies, ResolvedOptions } from '@stumpfworks/dialplan';
import type { AriAdapter } from '../adapter/types.js';
import type { Logger } from '../logger.js';
import type { CallSession } from './call-session.js';
import type { TraceEmitter } from './trace.js';
import type { VisitSink } from './visit-sink.js';

/**
 * The published flows as one call sees them: fixed when the call starts, so a publish during the
 * call (`setFlows`) does not change it.
 */
export interface FlowSet {
  library: FlowLibrary;
  /** The published version of a flow of this set. */
  version(flowId: string): number;
  /** The recording policies published with it (undefined: no resource opts in, the hand-overs do not decide). */
  recording: RecordingPolicies | undefined;
}

/** What every call session of one runtime shares. */
export interface RuntimeContext {
  adapter: AriAdapter;
  sink: VisitSink;
  http: HttpClient;
  logger: Logger;
  trace: TraceEmitter;
  dialing: Pick<ResolvedOptions, 'dialString' | 'transferDialString'>;
  /** Continues a channel to the fallback context (hangs it up if even that fails). Never throws. */
  toFallback(channelId: string, reason: string): Promise<void>;
  /** A session is over: `outcome` is undefined when it failed or was abandoned. */
  ended(session: CallSession, outcome: Outcome | undefined): void;
}
