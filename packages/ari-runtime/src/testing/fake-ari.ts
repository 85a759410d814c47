import type { AriAdapter, AriChannel, AriEvent, AriEventType, ConnectionState, DialplanTarget, HangupReason, OriginateRequest } from '../adapter/types.js';
import { AriRequestError } from '../adapter/types.js';
import { AppRegistration, type RegistrationStatus } from '../adapter/app-registration.js';

/** One recorded request: the operation and its arguments. */
export interface FakeRequest {
  op: string;
  channelId?: string;
  args: unknown[];
}

/**
 * An in-memory AriAdapter for unit tests: records every request, lets the test emit events and
 * connection changes, and fails chosen operations.
 *
 * @example
 * const ari = new FakeAri('stumpfworks');
 * ari.failNext('play', new AriRequestError('play', 500, 'boom'));
 * ari.emit({ type: 'StasisStart', channel: fakeChannel('c1'), args: ['main'] });
 */
export class FakeAri implements AriAdapter {
  state: ConnectionState = 'disconnected';
  readonly requests: FakeRequest[] = [];
  readonly vars = new Map<string, string>();
  channels: AriChannel[] = [];
  private readonly failures = new Map<string, Error[]>();
  private readonly events = new Set<(event: AriEvent) => void>();
  private readonly connections = new Set<(state: ConnectionState) => void>();
  private readonly registered: AppRegistration;

  constructor(readonly app: string) {
    this.registered = new AppRegistration(app);
  }

  get registration(): RegistrationStatus {
    return this.registered.status;
  }

  async connect(): Promise<void> {
    this.setState('connected');
  }
  async close(): Promise<void> {
    this.setState('disconnected');
  }
  onEvent(listener: (event: AriEvent) => void) {
    this.events.add(listener);
    return () => this.events.delete(listener);
  }
  onConnection(listener: (state: ConnectionState) => void) {
    this.connections.add(listener);
    return () => this.connections.delete(listener);
  }

  emit(event: AriEvent): void {
    for (const listener of [...this.events]) listener(event);
  }
  setState(state: ConnectionState): void {
    if (state === 'connected') this.registered.socketOpened();
    else this.registered.socketClosed();
    this.state = state;
    for (const listener of [...this.connections]) listener(state);
  }
  /** Another socket took the app over (ApplicationReplaced): events stop, the socket stays open. */
  takeOver(): void {
    this.registered.replaced();
    this.state = 'disconnected';
    for (const listener of [...this.connections]) listener('disconnected');
  }
  /** The next call of `op` rejects with `error`. */
  failNext(op: string, error: Error = new AriRequestError(op, 500, 'injected failure')): void {
    this.failures.set(op, [...(this.failures.get(op) ?? []), error]);
  }
  /** The recorded requests of one operation. */
  calls(op: string): FakeRequest[] {
    return this.requests.filter((r) => r.op === op);
  }

  private async record(op: string, channelId: string | undefined, ...args: unknown[]): Promise<void> {
    this.requests.push({ op, ...(channelId !== undefined ? { channelId } : {}), args });
    const failure = this.failures.get(op)?.shift();
    if (failure) throw failure;
  }

  answer(channelId: string) {
    return this.record('answer', channelId);
  }
  hangup(channelId: string, reason?: HangupReason) {
    return this.record('hangup', channelId, reason);
  }
  play(channelId: string, media: string, options: { playbackId: string; lang?: string }) {
    return this.record('play', channelId, media, options);
  }
  stopPlayback(playbackId: string) {
    return this.record('stopPlayback', undefined, playbackId);
  }
  async setChannelVar(channelId: string, name: string, value: string) {
    await this.record('setChannelVar', channelId, name, value);
    this.vars.set(`${channelId}/${name}`, value);
  }
  async getChannelVar(channelId: string, name: string) {
    await this.record('getChannelVar', channelId, name);
    return this.vars.get(`${channelId}/${name}`);
  }
  continueInDialplan(channelId: string, target: DialplanTarget) {
    return this.record('continueInDialplan', channelId, target);
  }
  async originate(request: OriginateRequest): Promise<AriChannel> {
    await this.record('originate', request.channelId, request);
    return fakeChannel(request.channelId ?? 'originated');
  }
  async listChannels() {
    await this.record('listChannels', undefined);
    return this.channels;
  }
  subscribeChannel(channelId: string) {
    return this.record('subscribeChannel', channelId);
  }
  unsubscribeChannel(channelId: string) {
    return this.record('unsubscribeChannel', channelId);
  }
  watchAllChannels(eventTypes: AriEventType[]) {
    return this.record('watchAllChannels', undefined, eventTypes);
  }
  userEvent(name: string, options: { application: string; channelId: string; variables: Record<string, string> }) {
    return this.record('userEvent', options.channelId, name, options.variables);
  }
}

/** A channel as ARI describes it, with a caller number. */
export function fakeChannel(id: string, callerNumber = '017612345678', dialplan?: AriChannel['dialplan']): AriChannel {
  return { id, name: `Local/100@stumpfworks-flows-0001;2`, state: 'Up', caller: { name: '', number: callerNumber }, ...(dialplan ? { dialplan } : {}) };
}
