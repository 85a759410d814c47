import ari, { type AriClientInstance } from 'ari-client';
import { errorText, type Logger } from '../logger.js';
import { AppRegistration, type RegistrationStatus } from './app-registration.js';
import { answerWithin } from './ari-requests.js';
import { exponentialBackoff, type Backoff } from './backoff.js';
import './swagger-notice.js';
import { AriRequestError, type AriEvent, type AriEventType, type ConnectionState } from './types.js';

/** How to reach ARI: `url` is the REST base, e.g. `http://127.0.0.1:8088/ari` (a trailing `/ari` is optional). */
export interface AriCredentials {
  url: string;
  user: string;
  password: string;
}

export interface AriConnectionOptions extends AriCredentials {
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
   * How often `GET /applications` checks that Asterisk still has the app (default 5 s), and how
   * long one check may take before it counts as unanswered (default 5 s). At most one check is
   * in flight: a wedged Asterisk that never answers holds one connection, not one per interval.
   */
  appCheckIntervalMs?: number;
  appCheckTimeoutMs?: number;
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
 * The connection supervisor: keeps one Stasis app's ari-client connected and hands its events on.
 *
 * ari-client re-opens a dropped socket itself, but gives up for good after 10 tries (about 30 s),
 * and cannot see a half-open TCP connection. So this adds a ping/pong heartbeat that terminates a
 * dead socket (ari-client's reconnect then starts), and restarts the socket with its own capped
 * exponential backoff, without limit, whenever ari-client gives up. Loading the REST API (swagger)
 * is retried the same way until Asterisk answers. A socket that stays in the opening handshake
 * longer than `openTimeoutMs` is dropped (so ari-client tries again) with a warning: nothing else
 * would notice it.
 *
 * It also watches that Asterisk still has the app (AppRegistration): on `ApplicationReplaced` (a
 * second socket took the app over) the app counts as disconnected, so its calls go to the
 * fallback; a periodic, bounded `GET /applications` then sees when the app is gone (the other
 * socket closed, and Asterisk unregistered it) and registers it again by reopening the socket.
 *
 * It never asks for `subscribeAll`: that subscribes the app to every device state, and Asterisk
 * 22.10 can deadlock when a device state event is sent to such an app while an ARI event socket
 * opens or closes; see docs/ari-runtime.md.
 */
export class AriConnection {
  state: ConnectionState = 'disconnected';
  private connected: AriClientInstance | undefined;
  private closed = false;
  private readonly eventListeners = new Set<(event: AriEvent) => void>();
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>();
  private readonly backoff: Backoff;
  private readonly registration: AppRegistration;
  private appCheck: NodeJS.Timeout | undefined;
  /** The check request still running (settles even after its time limit has passed). */
  private checking: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private restart: NodeJS.Timeout | undefined;
  private awaitingPong = false;
  /** The socket the watchdog saw opening, and since when. */
  private opening: { socket: object; since: number } | undefined;
  /** Settles when close() is called, so nothing waits for a socket that will never open. */
  private readonly closing: Promise<void>;
  private signalClosed!: () => void;

  constructor(private readonly options: AriConnectionOptions) {
    this.backoff = options.backoff ?? exponentialBackoff();
    this.registration = new AppRegistration(options.app);
    this.closing = new Promise((resolve) => (this.signalClosed = resolve));
  }

  /** The ari-client, once its REST API is loaded (requests work before the event socket opens). */
  get client(): AriClientInstance | undefined {
    return this.connected;
  }

  /** What Asterisk has of the app, as far as the socket, ApplicationReplaced and the last check tell. */
  get registrationStatus(): RegistrationStatus {
    return this.registration.status;
  }

  /** Loads the REST API (retrying with backoff), then opens the event socket; resolves at the first connection. */
  async connect(): Promise<void> {
    const base = this.options.url.replace(/\/+$/, '').replace(/\/ari$/, '');
    while (!this.connected) {
      if (this.closed) throw new AriRequestError('connect', undefined, 'the adapter was closed');
      try {
        this.connected = await ari.connect(base, this.options.user, this.options.password);
      } catch (error) {
        const delay = this.backoff.next();
        this.options.logger.warn('ARI not reachable, retrying', { app: this.options.app, error: errorText(error), retryInMs: delay });
        let wait: NodeJS.Timeout | undefined;
        await this.untilClosed(new Promise((resolve) => (wait = setTimeout(resolve, delay))));
        clearTimeout(wait);
      }
    }
    this.supervise(this.connected);
    await this.startSocket();
    if (this.closed) throw new AriRequestError('connect', undefined, 'the adapter was closed');
  }

  /** Closes the event socket for good. */
  close(): void {
    this.closed = true;
    this.signalClosed();
    clearInterval(this.heartbeat);
    clearInterval(this.appCheck);
    clearTimeout(this.restart);
    if (this.connected && this.connected._ws) this.connected.stop();
    this.registration.socketClosed();
    this.setState('disconnected');
  }

  /** Test hook: kills the event socket as a network failure would (ari-client then reconnects). */
  simulateNetworkDrop(): void {
    this.connected?._ws?.terminate();
  }

  onEvent(listener: (event: AriEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  /** Waits for `promise`, or until the connection is closed. */
  private untilClosed(promise: Promise<unknown>): Promise<unknown> {
    return Promise.race([promise, this.closing]);
  }

  /** Listens to the client's events and socket states, and starts the heartbeat. */
  private supervise(client: AriClientInstance): void {
    const app = this.options.app;
    for (const type of EVENT_TYPES) client.on(type, (event: AriEvent) => this.emit(event));
    client.on('WebSocketConnected', () => {
      this.registration.socketOpened();
      this.setState('connected');
    });
    client.on('WebSocketReconnecting', (error?: Error) => {
      this.options.logger.warn('ARI event socket dropped, ari-client reconnects', { app, error: error ? errorText(error) : 'closed' });
      this.registration.socketClosed();
      this.setState('disconnected');
    });
    client.on('WebSocketMaxRetries', () => {
      this.options.logger.warn('ARI event socket: ari-client gave up, restarting it with backoff', { app });
      this.registration.socketClosed();
      this.setState('disconnected');
      this.scheduleRestart();
    });
    client.on('ApplicationReplaced', (event: { application?: string }) => {
      if (event.application !== undefined && event.application !== app) return;
      this.options.logger.warn('Stasis app taken over by another ARI connection (ApplicationReplaced); its calls go there now. Registering it again once Asterisk no longer lists it', {
        app,
        hint: 'another server on this Asterisk uses the same ARI_APP',
      });
      this.registration.replaced();
      this.setState('disconnected');
    });
    client.on('pong', () => (this.awaitingPong = false));
    // Watches the opening socket too, so it runs before the first connection.
    this.heartbeat = setInterval(() => this.beat(), this.options.pingIntervalMs ?? 5000);
    this.appCheck = setInterval(() => this.checkApp(client), this.options.appCheckIntervalMs ?? 5000);
  }

  /** One bounded `GET /applications`; registers the app again when Asterisk lost it (AppRegistration). */
  private checkApp(client: AriClientInstance): void {
    if (this.checking || this.closed || this.registration.status.state === 'connecting') return;
    const app = this.options.app;
    const token = this.registration.beginCheck();
    const request = client.applications.list() as Promise<Array<{ name: string }>>;
    this.checking = request.then(
      () => undefined,
      () => undefined,
    ).finally(() => (this.checking = undefined));
    answerWithin(request, this.options.appCheckTimeoutMs ?? 5000, 'listApplications').then(
      (apps) => {
        const before = this.registration.status.state;
        if (this.registration.checked(token, apps.some((a) => a.name === app)) !== 'register-again' || this.closed) return;
        this.options.logger.warn(
          before === 'replaced' ? 'Stasis app released by the connection that took it over; registering it again' : 'Asterisk no longer lists the Stasis app; registering it again',
          { app },
        );
        client._ws?.terminate(); // ari-client opens a new socket, which registers the app
      },
      (error: unknown) => this.registration.checkFailed(token, errorText(error)),
    );
  }

  /** Opens the socket; the first connection resolves, later ones are reported through onConnection. */
  private async startSocket(): Promise<void> {
    const client = this.connected;
    if (!client || this.closed) return;
    await this.untilClosed(
      new Promise<void>((resolve) => {
        const opened = () => {
          client.off('WebSocketConnected', opened);
          client.off('WebSocketMaxRetries', opened);
          resolve();
        };
        client.on('WebSocketConnected', opened);
        // ari-client rejects the start promise when it gives up; that case is handled by the
        // WebSocketMaxRetries listener (restart with our backoff), so the rejection is only logged.
        client.on('WebSocketMaxRetries', opened);
        client.start(this.options.app).catch((error: unknown) =>
          this.options.logger.info('ARI event socket: first connection failed', { app: this.options.app, error: errorText(error) }),
        );
      }),
    );
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
      this.connected?.start(this.options.app).catch((error: unknown) => this.options.logger.warn('ARI restart failed', { app: this.options.app, error: errorText(error) }));
    }, delay);
  }

  private beat(): void {
    const client = this.connected;
    if (!client) return;
    if (this.state !== 'connected') {
      this.watchOpening(client);
      return;
    }
    this.opening = undefined;
    if (this.awaitingPong) {
      this.options.logger.warn('ARI event socket: no pong, dropping it', { app: this.options.app });
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
      app: this.options.app,
      waitedMs,
      hint: 'if this repeats while ARI REST requests work, Asterisk is wedged (`ari show apps` hangs) and needs a restart',
    });
    socket.terminate();
  }

  private emit(event: AriEvent): void {
    for (const listener of [...this.eventListeners]) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.error('ARI event listener threw', { app: this.options.app, event: event.type, error: errorText(error) });
      }
    }
  }

  private setState(state: ConnectionState): void {
    if (state === 'connected') this.backoff.reset();
    if (state === this.state) return;
    this.state = state;
    for (const listener of [...this.connectionListeners]) listener(state);
  }
}
