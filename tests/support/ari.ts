/**
 * A small typed ARI client for tests: fetch for REST, `ws` for /ari/events. Each app is subscribed
 * to every channel, bridge and endpoint, so it sees channels that never enter Stasis (e.g. the ;2
 * leg of a Local channel). Not with `subscribeAll`: that adds every device state, and Asterisk
 * 22.10 deadlocks when a device state event meets an event socket opening or closing (see
 * docs/ari-runtime.md, "Known limits").
 *
 * Every event is kept in `received`, so a test can wait for an event that arrived before it asked.
 * Use `mark()` + `{ since }` when the same event can occur more than once.
 *
 * @example
 *   const ari = await AriClient.connect('probe');
 *   const mark = ari.mark();
 *   await ari.originate({ endpoint: 'Local/100@probe', app: 'probe' });
 *   const ev = await ari.waitFor('ChannelUserevent', (e) => e.eventname === 'SWFlowNode', { since: mark });
 *   await ari.close();
 */
import WebSocket from 'ws';
import type { AriChannel, AriEvent, AriEventMap, AriEventType } from './ari-events.js';
import { loadLocalAsterisk, type AriCredentials } from './local-asterisk.js';
import {
  AriRequestError,
  type HangupReason as RuntimeHangupReason,
  type OriginateRequest,
} from '../../packages/ari-runtime/src/index.js';

export type * from './ari-events.js';
export { channelOf } from './ari-events.js';

/**
 * Named hangup reasons of DELETE /channels/{id} (Asterisk 22): the runtime's, plus the ones only the
 * probes send (tests/asterisk/dial-status.test.ts checks what each does to a Dial()).
 */
export type HangupReason =
  | RuntimeHangupReason
  | 'timeout'
  | 'rejected'
  | 'normal_unspecified'
  | 'number_incomplete'
  | 'codec_mismatch'
  | 'interworking'
  | 'answered_elsewhere';

export type { OriginateRequest };

export interface DtmfOptions {
  /** Milliseconds before the first digit. */
  before?: number;
  /** Milliseconds between digits (ARI default 100). */
  between?: number;
  /** Milliseconds per digit (ARI default 100). */
  duration?: number;
  after?: number;
}

export interface WaitOptions {
  timeoutMs?: number;
  /** Index into `received` to search from (see `mark()`); default 0: everything since connect. */
  since?: number;
}

/** A non-2xx ARI answer is thrown as the runtime adapter's error, with the exact HTTP status. */
export { AriRequestError as AriError };

type Query = Record<string, string | number | boolean | undefined>;
type Listener = (event: AriEvent) => void;

/**
 * How long one REST call may take. Generous: on a loaded 2-core machine with a hundred calls in
 * flight, Asterisk answers late but does answer; a late answer is not a failure of the product.
 */
const REQUEST_TIMEOUT_MS = 60_000;

export class AriClient {
  /** Every event received since connect, oldest first. */
  readonly received: AriEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private closed = false;

  private constructor(
    readonly app: string,
    private readonly credentials: AriCredentials,
    private readonly socket: WebSocket,
  ) {
    socket.on('message', (data) => {
      const event = JSON.parse(String(data)) as AriEvent;
      this.received.push(event);
      for (const listener of [...this.listeners]) listener(event);
    });
    socket.on('close', () => {
      this.closed = true;
      for (const listener of [...this.listeners]) listener({ type: '__closed', application: app, timestamp: '' });
    });
  }

  /**
   * Opens the event socket for `app` (one app, or several joined by commas), subscribes each app to
   * all channels, bridges and endpoints, and resolves once Asterisk accepted both. A socket whose
   * upgrade is not answered in 10 s (a wedged Asterisk) fails.
   */
  static async connect(app: string, credentials: AriCredentials = loadLocalAsterisk()): Promise<AriClient> {
    const url = new URL(`${credentials.ariUrl.replace(/^http/, 'ws')}/events`);
    url.searchParams.set('app', app);
    const socket = new WebSocket(url, { headers: { Authorization: basicAuth(credentials) }, handshakeTimeout: 10_000 });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', (error) => reject(new Error(`ARI events socket ${url.origin}: ${error.message}`)));
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`ARI events socket ${url.origin}: HTTP ${res.statusCode}`)),
      );
    });
    const client = new AriClient(app, credentials, socket);
    for (const name of app.split(',')) {
      await client.request('POST', `/applications/${enc(name)}/subscription`, { query: { eventSource: 'channel:,bridge:,endpoint:' } });
    }
    return client;
  }

  /** Index of the next event; pass it as `since` to wait only for later events. */
  mark(): number {
    return this.received.length;
  }

  /** Calls `handler` for each later event of `type`; returns the unsubscribe function. */
  on<K extends AriEventType>(type: K, handler: (event: AriEventMap[K]) => void): () => void {
    const listener: Listener = (event) => {
      if (event.type === type) handler(event as AriEventMap[K]);
    };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first event of `type` (from `since` on) that matches `predicate`. */
  waitFor<K extends AriEventType>(
    type: K,
    predicate: (event: AriEventMap[K]) => boolean = () => true,
    { timeoutMs = 10_000, since = 0 }: WaitOptions = {},
  ): Promise<AriEventMap[K]> {
    const matches = (event: AriEvent): event is AriEventMap[K] =>
      event.type === type && predicate(event as AriEventMap[K]);
    const seen = this.received.slice(since).find(matches);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const listener: Listener = (event) => {
        if (event.type === '__closed') {
          finish();
          reject(new Error(`ARI socket closed while waiting for ${type}`));
        } else if (matches(event)) {
          finish();
          resolve(event);
        }
      };
      const timer = setTimeout(() => {
        finish();
        const recent = this.received
          .slice(since)
          .filter((e) => e.type === type)
          .slice(-5)
          .map((e) => JSON.stringify(e).slice(0, 400));
        reject(new Error(`no matching ${type} within ${timeoutMs} ms; last ${type} events:\n${recent.join('\n') || '(none)'}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
    });
  }

  /**
   * Every event from this call on, in order, until `close()` or until the loop breaks. Buffering
   * starts at once (not at the first `next()`), so nothing is lost between the call and the loop.
   */
  events(): AsyncIterableIterator<AriEvent> {
    const queue: AriEvent[] = [];
    let wake: (() => void) | undefined;
    const listener: Listener = (event) => {
      queue.push(event);
      wake?.();
    };
    this.listeners.add(listener);
    const done = (): IteratorResult<AriEvent> => {
      this.listeners.delete(listener);
      return { done: true, value: undefined };
    };
    const iterator: AsyncIterableIterator<AriEvent> = {
      next: async () => {
        while (true) {
          const event = queue.shift();
          if (event) return event.type === '__closed' ? done() : { done: false, value: event };
          if (this.closed) return done();
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      },
      return: async () => done(),
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /**
   * POST /channels. Returns the dialed channel (the ;1 leg for a Local channel; `channelId` names it,
   * `otherChannelId` the ;2 leg). A `__` prefix makes a variable inherited (docs/asterisk-notes.md).
   */
  originate(options: OriginateRequest): Promise<AriChannel> {
    const { appArgs, ...rest } = options;
    const body = { ...rest, ...(appArgs ? { appArgs: appArgs.join(',') } : {}) };
    return this.request('POST', '/channels', { body }) as Promise<AriChannel>;
  }

  async answer(channelId: string): Promise<void> {
    await this.request('POST', `/channels/${enc(channelId)}/answer`);
  }

  /** DELETE /channels/{id} with a named `reason` or a Q.850 `reason_code`. */
  async hangup(channelId: string, reason?: HangupReason | number): Promise<void> {
    const query: Query = typeof reason === 'number' ? { reason_code: reason } : { reason };
    await this.request('DELETE', `/channels/${enc(channelId)}`, { query });
  }

  /** Sends DTMF out of the channel: on a Local ;1 leg the digits reach the ;2 leg's dialplan. */
  async sendDtmf(channelId: string, digits: string, options: DtmfOptions = {}): Promise<void> {
    await this.request('POST', `/channels/${enc(channelId)}/dtmf`, { query: { dtmf: digits, ...options } });
  }

  /** Plays `media` (e.g. `sound:demo-thanks`) to the channel; returns the playback id. */
  async play(channelId: string, media: string): Promise<string> {
    const playback = (await this.request('POST', `/channels/${enc(channelId)}/play`, { query: { media } })) as {
      id: string;
    };
    return playback.id;
  }

  async setGlobal(name: string, value: string): Promise<void> {
    await this.request('POST', '/asterisk/variable', { query: { variable: name, value } });
  }

  async getGlobal(name: string): Promise<string> {
    const result = (await this.request('GET', '/asterisk/variable', { query: { variable: name } })) as { value: string };
    return result.value;
  }

  /** A channel variable or function (e.g. `CALLERID(num)`); '' when unset. */
  async getChannelVar(channelId: string, name: string): Promise<string> {
    const result = (await this.request('GET', `/channels/${enc(channelId)}/variable`, {
      query: { variable: name },
    })) as { value: string };
    return result.value;
  }

  async listChannels(): Promise<AriChannel[]> {
    return (await this.request('GET', '/channels')) as AriChannel[];
  }

  /** PUT /asterisk/modules/{name}: a synchronous reload (e.g. `pbx_config.so`, `app_queue.so`). */
  async reloadModule(name: string): Promise<void> {
    await this.request('PUT', `/asterisk/modules/${enc(name)}`);
  }

  /** Raw REST call against the ARI base URL; JSON in, JSON (or undefined for 204) out. */
  async request(method: string, path: string, { query, body }: { query?: Query; body?: unknown } = {}): Promise<unknown> {
    const url = new URL(`${this.credentials.ariUrl}${path}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const response = await fetch(url, {
      method,
      headers: {
        Authorization: basicAuth(this.credentials),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) throw new AriRequestError(`${method} ${path}`, response.status, text);
    return text ? JSON.parse(text) : undefined;
  }

  /** Closes the event socket; Asterisk unregisters the app. */
  async close(): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

function basicAuth({ ariUser, ariPassword }: AriCredentials): string {
  return `Basic ${Buffer.from(`${ariUser}:${ariPassword}`).toString('base64')}`;
}

const enc = encodeURIComponent;
