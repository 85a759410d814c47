import type { FlowLibrary, Outcome } from '@stumpfworks/engine';
import type { ResolvedOptions } from '@stumpfworks/dialplan';
import type { AriAdapter } from '../adapter/types.js';
import type { Logger } from '../logger.js';
import type { CallSession } from './call-session.js';
import type { TraceEmitter } from './trace.js';
import type { VisitSink } from './visit-sink.js';

/** What every call session of one runtime shares. */
export interface RuntimeContext {
  adapter: AriAdapter;
  flows: FlowLibrary;
  sink: VisitSink;
  logger: Logger;
  trace: TraceEmitter;
  dialing: Pick<ResolvedOptions, 'dialString' | 'transferDialString'>;
  flowVersion(flowId: string): number;
  /** Continues a channel to the fallback context (hangs it up if even that fails). Never throws. */
  toFallback(channelId: string, reason: string): Promise<void>;
  /** A session is over: `outcome` is undefined when it failed or was abandoned. */
  ended(session: CallSession, outcome: Outcome | undefined): void;
}
