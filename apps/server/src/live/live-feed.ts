import type { LiveCall } from './live-calls.js';
import type { LiveChange, LiveSnapshot } from './live-monitor.js';

/** One message of the stream: an SSE event name and its JSON data. */
export type FeedMessage = { event: 'snapshot'; data: LiveSnapshot } | { event: 'call'; data: LiveCall } | { event: 'call-end'; data: { id: string } } | { event: 'endpoints'; data: LiveSnapshot['endpoints'] };

/** Messages one client may have waiting; past that they are dropped for one fresh snapshot. */
export const MAX_QUEUED = 256;

/**
 * What one browser is sent: a snapshot first, then the changes it may see (`visible`: an
 * operator's queue scope). Bounded: a client that does not read keeps at most MAX_QUEUED
 * messages; beyond that they are replaced by one snapshot taken when it is sent. A call that
 * turns invisible (it entered a queue not given) ends for that client.
 */
export class LiveFeed {
  private queue: Array<FeedMessage | 'snapshot'> = ['snapshot'];
  private readonly seen = new Set<string>();
  private wake: (() => void) | undefined;

  constructor(
    private readonly snapshot: () => LiveSnapshot,
    private readonly visible: (call: LiveCall) => boolean,
  ) {}

  /** Takes one change of the monitor. */
  push(change: Exclude<LiveChange, { type: 'stop' }>): void {
    if (change.type === 'reset') return this.enqueue('snapshot');
    if (change.type === 'endpoints') return this.enqueue({ event: 'endpoints', data: change.endpoints });
    if (change.type === 'call' && this.visible(change.call)) {
      this.seen.add(change.call.id);
      return this.enqueue({ event: 'call', data: change.call });
    }
    const id = change.type === 'call' ? change.call.id : change.id;
    if (this.seen.delete(id)) this.enqueue({ event: 'call-end', data: { id } });
  }

  /** The next message, or undefined when none came within `ms` (time for a heartbeat) or `signal` aborted. */
  async next(ms: number, signal?: AbortSignal): Promise<FeedMessage | undefined> {
    if (this.queue.length === 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
        function done() {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        }
        this.wake = done;
      });
      this.wake = undefined;
    }
    const message = this.queue.shift();
    if (message !== 'snapshot') return message;
    const snapshot = this.snapshot();
    const calls = snapshot.calls.filter(this.visible);
    this.seen.clear();
    for (const call of calls) this.seen.add(call.id);
    return { event: 'snapshot', data: { ...snapshot, calls } };
  }

  private enqueue(message: FeedMessage | 'snapshot'): void {
    // A snapshot replaces everything before it; too many messages become one snapshot.
    if (message === 'snapshot' || this.queue.length >= MAX_QUEUED) this.queue = ['snapshot'];
    else this.queue.push(message);
    this.wake?.();
  }
}
