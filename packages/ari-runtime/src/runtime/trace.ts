import type { Outcome } from '@stumpfworks/engine';
import { errorText, type Logger } from '../logger.js';
import type { AriAdapter } from '../adapter/types.js';

/**
 * The dialplan engine's trace, sent over ARI: `SWFlowNode` {flow, node} for each visit and
 * `SWFlowEnd` {flow, node, outcome} just before the flow hangs up or hands the caller to a final
 * application. `POST /events/user/{name}` with `source=channel:<id>` gives the same
 * ChannelUserevent shape (eventname, userevent.flow/node/outcome, channel = the flow leg), but
 * Asterisk delivers it only to the named application, so the runtime sends it to each of
 * `applications` (its own app by default; the parity suite adds its listener's app).
 */
export class TraceEmitter {
  private readonly warned = new Set<string>();

  constructor(
    private readonly adapter: AriAdapter,
    private readonly applications: string[],
    private readonly logger: Logger,
    /** Also send `SWFlowInput` {flow, node} when the call starts reading keys (for test drivers). */
    private readonly inputs = false,
  ) {}

  /**
   * The call reads keys now (prompt started, barge-in armed): what `ChannelDialplan` with
   * Background/Read tells a test driver in the dialplan engine. Only sent when enabled.
   */
  input(channelId: string, flowId: string, nodeId: string): Promise<void> {
    return this.inputs ? this.send(channelId, 'SWFlowInput', { flow: flowId, node: nodeId }) : Promise.resolve();
  }

  visit(channelId: string, flowId: string, nodeId: string): Promise<void> {
    return this.send(channelId, 'SWFlowNode', { flow: flowId, node: nodeId });
  }

  end(channelId: string, outcome: Outcome): Promise<void> {
    return this.send(channelId, 'SWFlowEnd', { flow: outcome.flowId, node: outcome.nodeId, outcome: outcome.kind });
  }

  /** A trace that cannot be sent is logged (once per app), never fatal for the call. */
  private async send(channelId: string, name: string, variables: Record<string, string>): Promise<void> {
    for (const application of this.applications) {
      try {
        await this.adapter.userEvent(name, { application, channelId, variables });
      } catch (error) {
        if (this.warned.has(application)) continue;
        this.warned.add(application);
        this.logger.warn('trace event not delivered', { callId: channelId, application, event: name, error: errorText(error) });
      }
    }
  }
}

/** The dialplan engine sends no SWFlowEnd for a caller hanging up (the absence is the trace). */
export function tracesEnd(outcome: Outcome): boolean {
  return outcome.kind !== 'callerHangup';
}
