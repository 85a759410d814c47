import type { NodeVisit, VisitSink } from '@stumpfworks/ari-runtime';
import { trunkEndpoint } from '@stumpfworks/dialplan';
import type { Kysely } from 'kysely';
import { amiAction, type AmiOptions, type AmiPacket } from '../asterisk/ami.js';
import type { Ari } from '../asterisk/ari.js';
import type { Database } from '../db/tables.js';
import type { Publisher } from '../publish/publisher.js';
import { listResources } from '../resources/resources.repository.js';
import { AmiEventStream } from '../security/ami-event-stream.js';
import { LiveCalls, type LiveCall } from './live-calls.js';

/** An extension's endpoint state (ARI: `online` while a contact is registered, `offline`, `unknown`). */
export interface ExtensionState {
  id: string;
  state: string;
}

/** A trunk's endpoint state and, for a registration trunk, Asterisk's word for its outbound registration. */
export interface TrunkState extends ExtensionState {
  registration?: string;
}

export interface Endpoints {
  extensions: ExtensionState[];
  trunks: TrunkState[];
}

export interface LiveSnapshot {
  /** The server's clock when the snapshot was taken (epoch ms): a browser measures durations against it. */
  now: number;
  /** Whether the AMI login that brings the events is up (false: calls are unknown, not absent). */
  connected: boolean;
  calls: LiveCall[];
  endpoints: Endpoints;
}

/** What a subscriber is told; after `reset` it takes a fresh snapshot; after `stop` nothing more comes (the server closes). */
export type LiveChange =
  | { type: 'call'; call: LiveCall }
  | { type: 'call-end'; id: string }
  | { type: 'endpoints'; endpoints: Endpoints }
  | { type: 'reset' }
  | { type: 'stop' };

/** Events that arrive while the channel list is asked for wait here, at most this many (then a second resync). */
const MAX_BUFFERED = 10_000;

/** The events that change registrations and trunk states: the endpoint list is read again after them. */
const ENDPOINT_EVENTS = new Set(['ContactStatus', 'PeerStatus', 'Registry']);

/**
 * The live state of the PBX for the monitor: an AMI login of its own for the `call`, `agent` and
 * `system` event classes feeds LiveCalls; after each (re)login the channel list (CoreShowChannels)
 * replaces what was known, and events that arrive meanwhile are applied after it. Registrations
 * and trunk states are read again (ARI endpoints, AMI outbound registrations) after each event
 * that can change them. Node visits of both engines come through `sink`. Not ARI events: a
 * `subscribeAll` can wedge Asterisk 22.10's event sockets (docs/ari-runtime.md).
 */
export class LiveMonitor {
  private readonly calls = new LiveCalls();
  private endpoints: Endpoints = { extensions: [], trunks: [] };
  private readonly listeners = new Set<(change: LiveChange) => void>();
  private readonly stream: AmiEventStream;
  private buffered: AmiPacket[] | undefined;
  private endpointTimer: NodeJS.Timeout | undefined;
  private resyncs = 0;

  constructor(private readonly deps: { db: Kysely<Database>; ari: Ari; ami: AmiOptions; log: (line: string) => void }) {
    this.stream = new AmiEventStream({
      ami: deps.ami,
      events: 'call,agent,system',
      tag: 'live',
      log: deps.log,
      onConnected: () => void this.resync(),
      onDisconnected: () => this.lost(),
      onEvent: (packet) => this.onEvent(packet),
    });
  }

  start(): void {
    this.stream.start();
  }

  async stop(): Promise<void> {
    clearTimeout(this.endpointTimer);
    this.emit({ type: 'stop' });
    this.listeners.clear();
    await this.stream.stop();
  }

  /** The state now, for a new subscriber. */
  snapshot(): LiveSnapshot {
    return { now: Date.now(), connected: this.stream.connected && this.buffered === undefined, calls: this.calls.all(), endpoints: this.endpoints };
  }

  /** How many subscribers there are (one per open stream). */
  get subscribers(): number {
    return this.listeners.size;
  }

  /** Calls `listener` with every change from now on; returns the unsubscribe. */
  subscribe(listener: (change: LiveChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The LINKEDID of a live channel (the hang-up and transfer routes check the operator's scope by it). */
  call(channelId: string): LiveCall | undefined {
    const id = this.calls.callOf(channelId);
    return id === undefined ? undefined : this.calls.call(id);
  }

  /** A sink that hands each visit to `inner` (the store) and marks the call's current node. */
  sink(inner: VisitSink): VisitSink {
    return {
      visit: (visit: NodeVisit) => {
        inner.visit(visit);
        const id = this.calls.visit(visit.callId, { flowId: visit.flowId, flowVersion: visit.flowVersion, nodeId: visit.nodeId });
        if (id !== undefined) this.changed([id]);
      },
    };
  }

  private onEvent(packet: AmiPacket): void {
    if (ENDPOINT_EVENTS.has(packet.Event ?? '')) this.scheduleEndpoints();
    if (this.buffered) {
      this.buffered.push(packet);
      if (this.buffered.length > MAX_BUFFERED) void this.resync();
      return;
    }
    this.changed(this.calls.apply(packet));
  }

  private changed(ids: string[]): void {
    for (const id of ids) {
      const call = this.calls.call(id);
      this.emit(call ? { type: 'call', call } : { type: 'call-end', id });
    }
  }

  private emit(change: LiveChange): void {
    for (const listener of this.listeners) listener(change);
  }

  /** The AMI login is gone: what is known of the calls is no longer true. */
  private lost(): void {
    this.calls.reset([]);
    this.buffered = undefined;
    this.emit({ type: 'reset' });
  }

  /** Reads the channel list again and replaces the calls; events that came meanwhile are applied after it. */
  private async resync(): Promise<void> {
    const run = ++this.resyncs;
    this.buffered = [];
    try {
      const listed = await amiAction(this.deps.ami, { Action: 'CoreShowChannels' });
      if (run !== this.resyncs) return;
      this.calls.reset(listed);
      const waiting = this.buffered ?? [];
      this.buffered = undefined;
      for (const packet of waiting) this.calls.apply(packet);
    } catch (error) {
      if (run !== this.resyncs) return;
      this.buffered = undefined;
      this.calls.reset([]);
      this.deps.log(`[live] reading the channel list failed: ${(error as Error).message}`);
    }
    this.emit({ type: 'reset' });
    this.scheduleEndpoints();
  }

  /** Reads the endpoint list again soon: after a change through the API (an extension or trunk added) and after a publish. */
  refreshEndpoints(): void {
    this.scheduleEndpoints();
  }

  private scheduleEndpoints(): void {
    if (this.endpointTimer) return;
    // Registrations come in bursts (a phone's contact and its endpoint); one read after the burst.
    this.endpointTimer = setTimeout(() => {
      this.endpointTimer = undefined;
      this.readEndpoints().then(
        (endpoints) => {
          if (JSON.stringify(endpoints) === JSON.stringify(this.endpoints)) return;
          this.endpoints = endpoints;
          this.emit({ type: 'endpoints', endpoints });
        },
        (error: Error) => this.deps.log(`[live] reading the endpoint states failed: ${error.message}`),
      );
    }, 100);
  }

  private async readEndpoints(): Promise<Endpoints> {
    const { status, body } = await this.deps.ari.request('GET', '/endpoints/PJSIP');
    if (status !== 200 || !Array.isArray(body)) throw new Error(`ARI GET /endpoints/PJSIP answered ${status}`);
    const states = new Map((body as { resource?: string; state?: string }[]).map((e) => [e.resource, e.state ?? 'unknown']));
    const packets = await amiAction(this.deps.ami, { Action: 'PJSIPShowRegistrationsOutbound' });
    const registrations = new Map(packets.filter((p) => p.Event === 'OutboundRegistrationDetail' && p.ObjectName).map((p) => [p.ObjectName!, p.Status ?? 'unknown']));
    const extensions = (await listResources(this.deps.db, 'extension')).map((e) => ({ id: e.id, state: states.get(e.id) ?? 'unknown' }));
    const trunks = (await listResources(this.deps.db, 'trunk')).map((t) => {
      const registration = registrations.get(trunkEndpoint(t.id));
      return { id: t.id, state: states.get(trunkEndpoint(t.id)) ?? 'unknown', ...(registration ? { registration } : {}) };
    });
    return { extensions, trunks };
  }
}

/** A publisher after whose publishes (applied or refused) `refresh` runs: a publish adds and removes endpoints in Asterisk. */
export function refreshingAfterPublish(publisher: Publisher, refresh: () => void): Publisher {
  const after = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } finally {
      refresh();
    }
  };
  return {
    publish: (actor) => after(() => publisher.publish(actor)),
    publishChange: (actor, change) => after(() => publisher.publishChange(actor, change)),
    preview: (drafts) => publisher.preview(drafts),
  };
}
