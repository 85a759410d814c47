/**
 * A client of GET /api/v1/live for tests: reads the Server-Sent Events, keeps the state they
 * describe (snapshot, then call, call-end and endpoints) and waits for a condition on it.
 */
import type { LiveCall } from '../../apps/server/src/live/live-calls.js';
import type { Endpoints } from '../../apps/server/src/live/live-monitor.js';

export interface LiveMessage {
  event: string;
  data: unknown;
}

export class LiveStream {
  readonly calls = new Map<string, LiveCall>();
  endpoints: Endpoints = { extensions: [], trunks: [] };
  connected = false;
  /** Every message so far, in order. */
  readonly messages: LiveMessage[] = [];
  /** The raw text received so far (what a browser's EventSource would parse). */
  raw = '';
  private readonly abort = new AbortController();
  private waiters: Array<() => void> = [];
  private ended = false;
  private failure: Error | undefined;

  private constructor(private readonly response: Response) {
    void this.read();
  }

  /** Opens the stream with `fetch(url, init)`; throws unless it answers 200 text/event-stream. */
  static async open(url: string, headers: Record<string, string>): Promise<LiveStream> {
    const controller = new AbortController();
    const response = await fetch(url, { headers, signal: controller.signal });
    if (response.status !== 200) throw new Error(`GET /live answered ${response.status}: ${await response.text()}`);
    if (!response.headers.get('content-type')?.startsWith('text/event-stream')) throw new Error(`GET /live is ${response.headers.get('content-type')}`);
    const stream = new LiveStream(response);
    stream.abort.signal.addEventListener('abort', () => controller.abort());
    return stream;
  }

  /** Resolves with the value once `check` gives one, re-checked after each message; fails after `ms` or when the stream ends. */
  async until<T>(what: string, check: (stream: LiveStream) => T | undefined | false, ms = 20_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = check(this);
      if (value !== undefined && value !== false) return value;
      if (this.ended) throw new Error(`${what}: the stream ended (${this.failure?.message ?? 'closed'}); last messages ${JSON.stringify(this.messages.slice(-5))}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${what} never happened; calls ${JSON.stringify([...this.calls.values()])}, endpoints ${JSON.stringify(this.endpoints)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.abort.abort();
  }

  private async read(): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of this.response.body as unknown as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk, { stream: true });
        this.raw += text;
        buffer += text;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          this.onBlock(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (error) {
      // Closing the stream aborts the read; anything else is what the test reports.
      if (!this.abort.signal.aborted) this.failure = error as Error;
    } finally {
      this.ended = true;
      this.wake();
    }
  }

  private onBlock(block: string): void {
    const lines = block.split('\n');
    const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
    const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
    if (!event) return;
    const parsed = JSON.parse(data) as never;
    this.messages.push({ event, data: parsed });
    if (event === 'snapshot') {
      const snapshot = parsed as { connected: boolean; calls: LiveCall[]; endpoints: Endpoints };
      this.calls.clear();
      for (const call of snapshot.calls) this.calls.set(call.id, call);
      this.endpoints = snapshot.endpoints;
      this.connected = snapshot.connected;
    } else if (event === 'call') this.calls.set((parsed as LiveCall).id, parsed);
    else if (event === 'call-end') this.calls.delete((parsed as { id: string }).id);
    else if (event === 'endpoints') this.endpoints = parsed;
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
