import { connect, type Socket } from 'node:net';
import { amiMessage, onAmiPackets, type AmiOptions, type AmiPacket } from '../asterisk/ami.js';

export interface AmiEventStreamOptions {
  ami: AmiOptions;
  /** The event classes to receive (the Login's `Events`, e.g. `security`); the user's `read` must allow them. */
  events: string;
  onEvent: (packet: AmiPacket) => void;
  /** After every successful login (the first and each reconnect). */
  onConnected?: () => void;
  /** After a logged-in connection is lost (not after a refused login). */
  onDisconnected?: () => void;
  log?: (line: string) => void;
  /** The log lines' tag (default `security`, the first user of this stream). */
  tag?: string;
  /** First wait before a reconnect, doubled up to `maxBackoffMs` (default 250 ms to 10 s, as the ARI runtime). */
  firstBackoffMs?: number;
  maxBackoffMs?: number;
  /** A Ping every `pingMs` (default 20 s); no answer within `pingTimeoutMs` (default 10 s) drops the connection. */
  pingMs?: number;
  pingTimeoutMs?: number;
}

/**
 * A long-lived AMI login that receives events: it logs in with `Events: <classes>`, hands every
 * event to `onEvent`, and reconnects with backoff whenever the connection drops, the login is
 * refused or a Ping goes unanswered (a hung Asterisk keeps the socket open). Events raised
 * while it is not connected are lost: AMI keeps none for a session that is not there.
 */
export class AmiEventStream {
  private socket: Socket | undefined;
  private stopped = false;
  private loggedIn = false;
  private backoff: number;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private pingDeadline: NodeJS.Timeout | undefined;
  private closed: Promise<void> = Promise.resolve();

  constructor(private readonly options: AmiEventStreamOptions) {
    this.backoff = options.firstBackoffMs ?? 250;
  }

  /** Whether the login is up (events arrive). */
  get connected(): boolean {
    return this.loggedIn;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Logs off and stops reconnecting; resolves once the socket is closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.clearPing();
    if (this.socket && !this.socket.destroyed) {
      const socket = this.socket;
      socket.end('Action: Logoff\r\n\r\n', () => socket.destroy());
    }
    await this.closed;
  }

  private connect(): void {
    const log = this.options.log ?? (() => undefined);
    const socket = connect({ host: this.options.ami.host, port: this.options.ami.port });
    this.socket = socket;
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    const send = (fields: Record<string, string>) => socket.write(amiMessage(fields));
    socket.setNoDelay(true);
    socket.on('connect', () =>
      send({ Action: 'Login', Username: this.options.ami.user, Secret: this.options.ami.secret, Events: this.options.events, ActionID: 'swf-events-login' }),
    );
    onAmiPackets(socket, (packet) => {
      if (packet.ActionID === 'swf-events-login') {
        if (packet.Response !== 'Success') {
          log(`[${this.options.tag ?? 'security'}] AMI refused the event login: ${packet.Message ?? ''}`);
          socket.destroy();
          return;
        }
        this.loggedIn = true;
        this.backoff = this.options.firstBackoffMs ?? 250;
        this.schedulePing(send);
        this.options.onConnected?.();
      } else if (packet.ActionID?.startsWith('swf-events-ping')) {
        clearTimeout(this.pingDeadline);
      } else if (packet.Event && this.loggedIn) {
        this.options.onEvent(packet);
      }
    });
    socket.on('error', (error) => {
      if (!this.stopped) log(`[${this.options.tag ?? 'security'}] AMI event connection: ${error.message}`);
    });
    socket.on('close', () => {
      const was = this.loggedIn;
      this.loggedIn = false;
      this.clearPing();
      if (was) this.options.onDisconnected?.();
      if (this.stopped) return;
      if (was) log(`[${this.options.tag ?? 'security'}] AMI event connection closed; reconnecting`);
      this.reconnectTimer = setTimeout(() => this.connect(), this.backoff);
      this.backoff = Math.min(this.backoff * 2, this.options.maxBackoffMs ?? 10_000);
    });
  }

  private schedulePing(send: (fields: Record<string, string>) => void): void {
    let n = 0;
    this.pingTimer = setInterval(() => {
      send({ Action: 'Ping', ActionID: `swf-events-ping-${++n}` });
      clearTimeout(this.pingDeadline);
      this.pingDeadline = setTimeout(() => {
        (this.options.log ?? (() => undefined))(`[${this.options.tag ?? 'security'}] AMI did not answer a Ping; reconnecting`);
        this.socket?.destroy();
      }, this.options.pingTimeoutMs ?? 10_000);
    }, this.options.pingMs ?? 20_000);
  }

  private clearPing(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.pingDeadline);
  }
}
