import type { Schema } from '../api/client.js';

export type LiveCall = Schema<'LiveCall'>;
export type LiveEndpoints = Schema<'LiveEndpoints'>;
export type LiveSnapshot = Schema<'LiveSnapshot'>;

/** What the dashboard shows of the live monitor (GET /live). */
export interface LiveState {
  /** Whether a snapshot has come since the stream (re)opened. */
  open: boolean;
  /** Whether the server hears Asterisk (the snapshot's `connected`). */
  asterisk: boolean;
  calls: LiveCall[];
  endpoints: LiveEndpoints;
  /** The server's clock minus the browser's (ms), so durations tick from the server's start times. */
  skewMs: number;
}

export const INITIAL_LIVE: LiveState = { open: false, asterisk: false, calls: [], endpoints: { extensions: [], trunks: [] }, skewMs: 0 };

/** One message of the stream, as its event name and parsed data. */
export type LiveMessage =
  | { event: 'snapshot'; data: LiveSnapshot; receivedAt: number }
  | { event: 'call'; data: LiveCall }
  | { event: 'call-end'; data: { id: string } }
  | { event: 'endpoints'; data: LiveEndpoints }
  | { event: 'lost' };

/** The state after one message; calls stay in the order they started. */
export function applyLive(state: LiveState, message: LiveMessage): LiveState {
  switch (message.event) {
    case 'snapshot':
      return { open: true, asterisk: message.data.connected, calls: message.data.calls, endpoints: message.data.endpoints, skewMs: message.data.now - message.receivedAt };
    case 'call': {
      const others = state.calls.filter((c) => c.id !== message.data.id);
      return { ...state, calls: [...others, message.data].sort((a, b) => a.startedAt - b.startedAt) };
    }
    case 'call-end':
      return { ...state, calls: state.calls.filter((c) => c.id !== message.data.id) };
    case 'endpoints':
      return { ...state, endpoints: message.data };
    case 'lost':
      // What was shown stays until the next snapshot replaces it; it is marked as not live.
      return { ...state, open: false };
  }
}

/** A duration as `m:ss`, or `h:mm:ss` from an hour on. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
