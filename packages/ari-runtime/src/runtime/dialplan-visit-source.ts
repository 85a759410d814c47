import type { AriAdapter, AriEvent } from '../adapter/types.js';
import { errorText, type Logger } from '../logger.js';
import type { VisitSink } from './visit-sink.js';

/** Pending menu keys per channel are forgotten beyond this many channels (oldest first). */
const MAX_PENDING = 10_000;

export interface DialplanVisitSourceOptions {
  /** An adapter for an app of its own (e.g. `stumpfworks-visits`): not the runtime's app, whose own trace would count twice. */
  adapter: AriAdapter;
  sink: VisitSink;
  logger: Logger;
  /** The version of a flow whose trace carries none (compiled without `flowVersions`). Default 1. */
  flowVersion?: (flowId: string) => number;
}

/**
 * The dialplan engine's visits, for the same VisitSink the ARI runtime feeds: it subscribes its
 * app to every channel (only `ChannelUserevent` and `ChannelDestroyed` let through) and turns
 * each `SWFlowNode` {flow, node, version} of the compiled dialplan into a NodeVisit. The call id
 * is the flow leg's channel id, the time the event's. Menu keys come from `SWFlowDigits`
 * {digits}, sent by a menu's key extension just before it goes to the next node, and are given
 * to that visit. The version is the trace's (compile with `flowVersions`), else `flowVersion`.
 *
 * @example
 * const adapter = new AriClientAdapter({ url, user, password, app: 'stumpfworks-visits', logger });
 * const source = new DialplanVisitSource({ adapter, sink, logger });
 * await source.start(); // connects, then watches every channel, again after each reconnect
 * // ... later
 * await source.stop();
 */
export class DialplanVisitSource {
  private readonly pendingDigits = new Map<string, string>();
  private readonly offs: Array<() => void> = [];

  constructor(private readonly options: DialplanVisitSourceOptions) {}

  /** Connects the adapter (if it is not yet) and resolves once it watches every channel. */
  async start(): Promise<void> {
    const { adapter } = this.options;
    this.offs.push(adapter.onEvent((event) => this.onEvent(event)));
    if (adapter.state !== 'connected') await adapter.connect();
    await this.watch();
    this.offs.push(adapter.onConnection((state) => state === 'connected' && void this.watch()));
  }

  /** Stops reading events and closes the adapter. */
  async stop(): Promise<void> {
    for (const off of this.offs.splice(0)) off();
    await this.options.adapter.close();
  }

  private async watch(): Promise<void> {
    try {
      await this.options.adapter.watchAllChannels(['ChannelUserevent', 'ChannelDestroyed']);
    } catch (error) {
      this.options.logger.error('dialplan visits: cannot subscribe to the channels; visits of dialplan calls are lost until the next reconnect', {
        app: this.options.adapter.app,
        error: errorText(error),
      });
    }
  }

  private onEvent(event: AriEvent): void {
    if (event.type === 'ChannelDestroyed') {
      this.pendingDigits.delete(event.channel.id);
      return;
    }
    if (event.type !== 'ChannelUserevent') return;
    const callId = event.channel.id;
    const fields = event.userevent;
    if (event.eventname === 'SWFlowDigits' && fields.digits) {
      this.pendingDigits.delete(callId);
      this.pendingDigits.set(callId, fields.digits);
      if (this.pendingDigits.size > MAX_PENDING) this.pendingDigits.delete(this.pendingDigits.keys().next().value!);
      return;
    }
    if (event.eventname !== 'SWFlowNode' || !fields.flow || !fields.node) return;
    const digits = this.pendingDigits.get(callId);
    this.pendingDigits.delete(callId);
    const version = Number(fields.version);
    this.options.sink.visit({
      flowId: fields.flow,
      flowVersion: Number.isInteger(version) && version >= 1 ? version : (this.options.flowVersion?.(fields.flow) ?? 1),
      nodeId: fields.node,
      callId,
      time: isoTime(event.timestamp),
      ...(digits !== undefined ? { digits } : {}),
    });
  }
}

/** ARI's `2026-11-26T06:31:30.181+0000` as ISO; the wall clock when it is missing or unreadable. */
function isoTime(timestamp: string | undefined): string {
  const parsed = timestamp ? Date.parse(timestamp.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) : NaN;
  return new Date(Number.isNaN(parsed) ? Date.now() : parsed).toISOString();
}
