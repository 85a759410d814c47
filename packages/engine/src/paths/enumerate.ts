import { applyToken } from '../simulator/simulate.js';
import type { ScriptToken } from '../simulator/script.js';
import { begin, settle, transcriptOf, type CallOptions, type Session } from '../simulator/session.js';
import type { Transcript } from '../simulator/transcript.js';
import type { FlowLibrary } from '../types.js';
import { choicesAt } from './choices.js';

/** Bounds for path enumeration. */
export interface PathOptions extends CallOptions {
  /** Script tokens per path (default 12). */
  maxEvents?: number;
  /** Visits of one node per path (default 3); menu re-prompts are not visits. */
  maxVisitsPerNode?: number;
  /** Paths returned at most (default 10000). */
  maxPaths?: number;
}

/** One way through a flow: its script and what the simulator made of it. */
export interface FlowPath {
  events: ScriptToken[];
  transcript: Transcript;
}

/** The ended paths, and how many branches the bounds cut off (each cut branch counts once). */
export interface PathsResult {
  paths: FlowPath[];
  truncated: number;
}

function mostVisits(session: Session): number {
  const counts = new Map<string, number>();
  let most = 0;
  for (const v of session.visits) {
    const key = `${v.flowId}\u0000${v.nodeId}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    most = Math.max(most, n);
  }
  return most;
}

/**
 * Every ended path through a flow, depth first over the choices at each wait (menu keys, digit
 * entries, PINs, timeouts, dial and queue results). `simulate(flows, flowId, path.events, options)`
 * gives `path.transcript` again.
 *
 * @example
 * const { paths, truncated } = enumeratePaths(flows, 'musterfirma', { at: new Date('2026-06-03T10:00:00+02:00'), callerId: '' });
 */
export function enumeratePaths(flows: FlowLibrary, flowId: string, options: PathOptions): PathsResult {
  const { maxEvents = 12, maxVisitsPerNode = 3, maxPaths = 10000 } = options;
  const paths: FlowPath[] = [];
  let truncated = 0;
  const explore = (session: Session, events: ScriptToken[]): void => {
    if (paths.length >= maxPaths || mostVisits(session) > maxVisitsPerNode) {
      truncated++;
      return;
    }
    if (session.snapshot.status === 'ended') {
      paths.push({ events, transcript: transcriptOf(session) });
      return;
    }
    if (events.length >= maxEvents) {
      truncated++;
      return;
    }
    for (const token of choicesAt(session)) {
      explore(applyToken(session, token, events.length + 1), [...events, token]);
    }
  };
  explore(settle(begin(flows, flowId, options)), []);
  return { paths, truncated };
}
