import ari, { type AriClientInstance } from 'ari-client';
import { errorText, type Logger } from '../logger.js';
import { exponentialBackoff, type Backoff } from './backoff.js';
import {
  AriRequestError,
  type AriAdapter,
  type AriChannel,
  type AriEvent,
  type AriEventType,
  type ConnectionState,
  type DialplanTarget,
  type HangupReason,
  type OriginateRequest,
} from './types.js';

/**
 * ari-client's swagger-client (2.0) assigns an undeclared global `log` when it loads, which prints
 * "This API is using a deprecated version of Swagger!" on every connect (ARI still describes itself
 * in Swagger 1.2; nothing for the admin to do) and keeps every message it was given in
 * `log.history` for good. The same global, minus that notice and the history; swagger-client's
 * other messages still go to the console.
 */
const SWAGGER_NOTICE = 'This API is using a deprecated version of Swagger!';
const leaked = globalThis as { log?: unknown };
if (typeof leaked.log === 'function') {
  leaked.log = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith(SWAGGER_NOTICE)) return;
    console.log(args);
  };
}

/** How to reach ARI: `url` is the REST base, e.g. `http://127.0.0.1:8088/ari` (a trailing `/ari` is optional). */
export interface AriCredentials {
  url: string;
  user: string;
  password: string;
}

export interface AriClientAdapterOptions extends AriCredentials {
  app: string;
  logger: Logger;
  /** Heartbeat: a ping this often; no pong by the next one means a dead socket. Default 5 s. */
  pingIntervalMs?: number;
  /** Reconnect delays. Default: 250 ms doubling up to 10 s, for ever. */
  backoff?: Backoff;
  /**
   * An event socket still opening after this long is dropped and opened again, with a warning.
   * Default 15 s. (A wedged Asterisk accepts the connection but never answers the upgrade.)
   */
  openTimeoutMs?: number;
  /**
   * A REST request without an answer after this long fails (AriRequestError without a status), so
   * a call whose request Asterisk never answers takes its failure path instead of waiting for ever.
   * Default 30 s: a channel's commands wait behind its playback, which the runtime stops first.
   */
  requestTimeoutMs?: number;
}

/**
 * `request`, or an AriRequestError once `ms` have passed without its answer (the request itself
 * is left to finish; what it brings then is dropped).
 */
export async function answerWithin<T>(request: Promise<T>, ms: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AriRequestError(operation, undefined, `Asterisk did not answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([request, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** ws's readyState while the opening handshake runs. */
const WEBSOCKET_CONNECTING = 0;

const EVENT_TYPES: AriEventType[] = [
  'StasisStart',
  'StasisEnd',
  'ChannelDtmfReceived',
  'ChannelHangupRequest',
  'ChannelDestroyed',
  'PlaybackFinished',
  'ChannelUserevent',
];

/**
 * The ARI adapter over ari-client 2.2.0, the only module in the project that imports it.
 *
 * Reconnecting: ari-client re-opens a dropped socket itself, but gives up for good after 10 tries
 * (about 30 s), and cannot see a half-open TCP connection. This adapter adds a ping/pong heartbeat
 * that terminates a dead socket (so ari-client's reconnect starts), and restarts the socket with
 * its own capped exponential backoff, without limit, whenever ari-client gives up. Loading the
 * REST API (swagger) is retried the same way until Asterisk answers. A socket that stays in the
 * opening handshake longer than `openTimeoutMs` is dropped (so ari-client tries again) with a
 * warning: nothing else would notice it.
 *
 * It never asks for `subscribeAll`: that subscribes the app to every device state, and Asterisk
 * 22.10 can deadlock when a device state event is sent to such an app while an ARI event socket
 * opens or closes (res_stasis_device_state against res_ari); from then on no ARI event socket
 * opens until Asterisk restarts. See docs/ari-runtime.md.
 *
 * @example
 * const adapter = new AriClientAdapter({ url: 'http://127.0.0.1:8088/ari', user, password, app: 'stumpfworks', logger });
 * adapter.onEvent((e) => console.log(e.type));
 * await adapter.connect();
 */
export class AriClientAdapter implements AriAdapter {
  readonly app: string;
  state: ConnectionState = 'disconnected';
  private client: AriClientInstance | undefined;
  private closed = false;
  private readonly eventListeners = new Set<(event: AriEvent) => void>();
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>();
  private readonly backoff: Backoff;
  private heartbeat: NodeJS.Timeout | undefined;
  private restart: NodeJS.Timeout | undefined;
  private awaitingPong = false;
  /** The socket the watchdog saw opening, and since when. */
  private opening: { socket: object; since: number } | undefined;
  /** Settles when close() is called, so nothing waits for a socket that will never open. */
  private readonly closing: Promise<void>;
  private signalClosed!: () => void;

  constructor(private readonly options: AriClientAdapterOptions) {
    this.app = options.app;
    this.backoff = options.backoff ?? exponentialBackoff();
    this.closing = new Promise((resolve) => (this.signalClosed = resolve));
  }

  /** Waits for `promise`, or until the adapter is closed. */
  private untilClosed(promise: Promise<unknown>): Promise<unknown> {
    return Promise.race([promise, this.closing]);
  }

  async connect(): Promise<void> {
    const base = this.options.url.replace(/\/+$/, '').replace(/\/ari$/, '');
    while (!this.client) {
      if (this.closed) throw new AriRequestError('connect', undefined, 'the adapter was closed');
      try {
        this.client = await ari.connect(base, this.options.user, this.options.password);
      } catch (error) {
        const delay = this.backoff.next();
        this.options.logger.warn('ARI not reachable, retrying', { app: this.app, error: errorText(error), retryInMs: delay });
        let wait: NodeJS.Timeout | undefined;
        await this.untilClosed(new Promise((resolve) => (wait = setTimeout(resolve, delay))));
        clearTimeout(wait);
      }
    }
    const client = this.client;
    for (const type of EVENT_TYPES) client.on(type, (event: AriEvent) => this.emit(event));
    client.on('WebSocketConnected', () => this.setState('connected'));
    client.on('WebSocketReconnecting', (error?: Error) => {
      this.options.logger.warn('ARI event socket dropped, ari-client reconnects', { app: this.app, error: error ? errorText(error) : 'closed' });
      this.setState('disconnected');
    });
    client.on('WebSocketMaxRetries', () => {
      this.options.logger.warn('ARI event socket: ari-client gave up, restarting it with backoff', { app: this.app });
      this.setState('disconnected');
      this.scheduleRestart();
    });
    client.on('pong', () => (this.awaitingPong = false));
    // Watches the opening socket too, so it runs before the first connection.
    this.heartbeat = setInterval(() => this.beat(), this.options.pingIntervalMs ?? 5000);
    await this.startSocket();
    if (this.closed) throw new AriRequestError('connect', undefined, 'the adapter was closed');
  }

  /** Opens the socket; the first connection resolves, later ones are reported through onConnection. */
  private async startSocket(): Promise<void> {
    const client = this.client;
    if (!client || this.closed) return;
    await this.untilClosed(new Promise<void>((resolve) => {
      const opened = () => {
        client.off('WebSocketConnected', opened);
        client.off('WebSocketMaxRetries', opened);
        resolve();
      };
      client.on('WebSocketConnected', opened);
      // ari-client rejects the start promise when it gives up; that case is handled by the
      // WebSocketMaxRetries listener (restart with our backoff), so the rejection is only logged.
      client.on('WebSocketMaxRetries', opened);
      client.start(this.app).catch((error: unknown) =>
        this.options.logger.info('ARI event socket: first connection failed', { app: this.app, error: errorText(error) }),
      );
    }));
    if (this.state !== 'connected' && !this.closed) await this.untilClosed(new Promise<void>((resolve) => this.onceConnected(resolve)));
  }

  private onceConnected(fn: () => void): void {
    const off = this.onConnection((state) => {
      if (state === 'connected') {
        off();
        fn();
      }
    });
  }

  private scheduleRestart(): void {
    if (this.closed || this.restart) return;
    const delay = this.backoff.next();
    this.restart = setTimeout(() => {
      this.restart = undefined;
      this.client?.start(this.app).catch((error: unknown) => this.options.logger.warn('ARI restart failed', { app: this.app, error: errorText(error) }));
    }, delay);
  }

  private beat(): void {
    const client = this.client;
    if (!client) return;
    if (this.state !== 'connected') {
      this.watchOpening(client);
      return;
    }
    this.opening = undefined;
    if (this.awaitingPong) {
      this.options.logger.warn('ARI event socket: no pong, dropping it', { app: this.app });
      this.awaitingPong = false;
      client._ws?.terminate();
      return;
    }
    this.awaitingPong = true;
    client.ping();
  }

  /** Drops a socket stuck in the opening handshake for longer than openTimeoutMs (ari-client then opens a new one). */
  private watchOpening(client: AriClientInstance): void {
    const socket = client._ws;
    if (!socket || socket.readyState !== WEBSOCKET_CONNECTING) {
      this.opening = undefined;
      return;
    }
    const now = Date.now();
    if (this.opening?.socket !== socket) this.opening = { socket, since: now };
    const waitedMs = now - this.opening.since;
    if (waitedMs < (this.options.openTimeoutMs ?? 15_000)) return;
    this.opening = undefined;
    this.options.logger.warn('ARI event socket: Asterisk did not answer the WebSocket upgrade, opening it again', {
      app: this.app,
      waitedMs,
      hint: 'if this repeats while ARI REST requests work, Asterisk is wedged (`ari show apps` hangs) and needs a restart',
    });
    socket.terminate();
  }

  /** Test hook: kills the event socket as a network failure would (ari-client then reconnects). */
  simulateNetworkDrop(): void {
    this.client?._ws?.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.signalClosed();
    clearInterval(this.heartbeat);
    clearTimeout(this.restart);
    if (this.client && this.client._ws) this.client.stop();
    this.setState('disconnected');
  }

  onEvent(listener: (event: AriEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  private emit(event: AriEvent): void {
    for (const listener of [...this.eventListeners]) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.error('ARI event listener threw', { app: this.app, event: event.type, error: errorText(error) });
      }
    }
  }

  private setState(state: ConnectionState): void {
    if (state === 'connected') this.backoff.reset();
    if (state === this.state) return;
    this.state = state;
    for (const listener of [...this.connectionListeners]) listener(state);
  }

  private async call<T>(operation: string, run: (client: AriClientInstance) => Promise<unknown>): Promise<T> {
    const client = this.client;
    if (!client) throw new AriRequestError(operation, undefined, 'not connected');
    const request = run(client).catch((error: unknown) => {
      throw new AriRequestError(operation, statusOf(error), errorText(error));
    });
    return (await answerWithin(request, this.options.requestTimeoutMs ?? 30_000, operation)) as T;
  }

  answer(channelId: string) {
    return this.call<void>('answer', (c) => c.channels.answer({ channelId }));
  }
  hangup(channelId: string, reason?: HangupReason) {
    return this.call<void>('hangup', (c) => c.channels.hangup({ channelId, ...(reason ? { reason } : {}) }));
  }
  play(channelId: string, media: string, options: { playbackId: string; lang?: string }) {
    return this.call<void>('play', (c) => c.channels.play({ channelId, media, playbackId: options.playbackId, ...(options.lang ? { lang: options.lang } : {}) }));
  }
  stopPlayback(playbackId: string) {
    return this.call<void>('stopPlayback', (c) => c.playbacks.stop({ playbackId }));
  }
  setChannelVar(channelId: string, name: string, value: string) {
    return this.call<void>('setChannelVar', (c) => c.channels.setChannelVar({ channelId, variable: name, value }));
  }
  async getChannelVar(channelId: string, name: string): Promise<string | undefined> {
    try {
      const result = await this.call<{ value: string }>('getChannelVar', (c) => c.channels.getChannelVar({ channelId, variable: name }));
      return result.value;
    } catch (error) {
      if (error instanceof AriRequestError && /variable was not found/i.test(error.message)) return undefined;
      throw error;
    }
  }
  continueInDialplan(channelId: string, target: DialplanTarget) {
    return this.call<void>('continueInDialplan', (c) => c.channels.continueInDialplan({ channelId, ...target }));
  }
  async originate(request: OriginateRequest): Promise<AriChannel> {
    const { appArgs, ...rest } = request;
    const channel = await this.call<AriChannel & Record<string, unknown>>('originate', (c) =>
      c.channels.originate({ ...rest, ...(appArgs ? { appArgs: appArgs.join(',') } : {}) }),
    );
    return plainChannel(channel);
  }
  async listChannels(): Promise<AriChannel[]> {
    const channels = await this.call<Array<AriChannel & Record<string, unknown>>>('listChannels', (c) => c.channels.list());
    return channels.map(plainChannel);
  }
  subscribeChannel(channelId: string) {
    return this.call<void>('subscribe', (c) => c.applications.subscribe({ applicationName: this.app, eventSource: `channel:${channelId}` }));
  }
  unsubscribeChannel(channelId: string) {
    return this.call<void>('unsubscribe', (c) => c.applications.unsubscribe({ applicationName: this.app, eventSource: `channel:${channelId}` }));
  }
  async watchAllChannels(eventTypes: AriEventType[]) {
    await this.call<void>('eventFilter', (c) =>
      c.applications.filter({ applicationName: this.app, filter: { allowed: eventTypes.map((type) => ({ type })) } }),
    );
    await this.call<void>('subscribe', (c) => c.applications.subscribe({ applicationName: this.app, eventSource: 'channel:' }));
  }
  userEvent(name: string, options: { application: string; channelId: string; variables: Record<string, string> }) {
    return this.call<void>('userEvent', (c) =>
      c.events.userEvent({ eventName: name, application: options.application, source: `channel:${options.channelId}`, variables: options.variables }),
    );
  }
}

/** ari-client loses the HTTP status; ARI's bodies say enough to recover the common ones. */
function statusOf(error: unknown): number | undefined {
  const text = errorText(error);
  if (/not found/i.test(text)) return 404;
  if (/not in stasis|conflict/i.test(text)) return 409;
  return undefined;
}

/** ari-client returns resource objects with methods; keep the data only. */
function plainChannel(channel: AriChannel & Record<string, unknown>): AriChannel {
  const { id, name, state, caller, language, dialplan, creationtime } = channel;
  return { id, name, state, caller, ...(language ? { language } : {}), ...(creationtime ? { creationtime } : {}), ...(dialplan ? { dialplan } : {}) };
}
