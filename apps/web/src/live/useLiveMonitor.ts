import { useEffect, useState } from 'react';
import { useApi } from '../api/useApi.js';
import { applyLive, INITIAL_LIVE, type LiveMessage, type LiveState } from './live-state.js';
import { SseParser } from './sse.js';

/** Waits before opening the stream again after it failed or ended, growing to the last. */
const RETRY_MS = [500, 1000, 2000, 5000, 10_000];
/** The server sends a heartbeat every 15 s: a stream silent for this long is dead (a proxy dropped it) and opened again. */
const SILENCE_MS = 45_000;

export interface LiveMonitor extends LiveState {
  /** Why the last attempt to open the stream failed (the server's reason), while it is not open. */
  error: unknown;
}

/**
 * The live monitor's state from GET /api/v1/live (Server-Sent Events), read with the app's API
 * client (session cookie, UI language, a 401 ends the session) rather than EventSource, which
 * hides why a stream was refused and gives up after an HTTP error. A stream that fails, ends or
 * falls silent is opened again after a growing wait; meanwhile `open` is false, the last state
 * stays shown and `error` says why.
 */
export function useLiveMonitor(): LiveMonitor {
  const api = useApi();
  const [state, setState] = useState<LiveState>(INITIAL_LIVE);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let stopped = false;
    let failures = 0;
    let controller: AbortController | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const apply = (message: LiveMessage) => setState((previous) => applyLive(previous, message));
    const read = async () => {
      controller = new AbortController();
      const aborted = controller;
      let silence = setTimeout(() => aborted.abort(), SILENCE_MS);
      try {
        const { data } = await api.client.GET('/live', { parseAs: 'stream', signal: aborted.signal });
        const reader = (data as ReadableStream<Uint8Array>).getReader();
        const decoder = new TextDecoder();
        const parser = new SseParser();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          clearTimeout(silence);
          silence = setTimeout(() => aborted.abort(), SILENCE_MS);
          for (const { event, data: text } of parser.push(decoder.decode(chunk.value, { stream: true }))) {
            const parsed = JSON.parse(text) as never;
            if (event === 'snapshot') {
              failures = 0;
              setError(undefined);
              apply({ event, data: parsed, receivedAt: Date.now() });
            } else if (event === 'call' || event === 'call-end' || event === 'endpoints') apply({ event, data: parsed });
          }
        }
      } catch (e) {
        // The abort of our own cleanup is no failure; a silent stream's abort is.
        if (!stopped) setError(e);
      } finally {
        clearTimeout(silence);
      }
      if (stopped) return;
      apply({ event: 'lost' });
      retry = setTimeout(() => void read(), RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]);
    };
    void read();
    return () => {
      stopped = true;
      clearTimeout(retry);
      controller?.abort();
    };
  }, [api]);
  return { ...state, error };
}

/** The browser's clock now, again every `ms` (for durations that tick without the server). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
