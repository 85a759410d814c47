import type { I18nText } from '@stumpfworks/flow';
import type { Effect, Outcome, VisitEdge, WaitKind } from '../types.js';

/** What a transcript line reports: an effect of the flow, or something the caller or network did. */
export type LineKind = Exclude<Effect['type'], 'visit'> | 'caller';

/** One human-readable line, tied to the node it happened at. */
export interface TranscriptLine {
  flowId: string;
  nodeId: string;
  kind: LineKind;
  text: I18nText;
}

/** A node visit; `digits` are the keys that led to it through a menu, `edge` the connection it came along. */
export interface TranscriptVisit {
  flowId: string;
  nodeId: string;
  digits?: string;
  edge?: VisitEdge;
}

/** What a simulated call did, for people (lines) and for comparisons (visits, effects, outcome). */
export interface Transcript {
  flowId: string;
  /** The virtual clock's instant, ISO 8601. */
  at: string;
  callerId: string;
  visits: TranscriptVisit[];
  lines: TranscriptLine[];
  effects: Effect[];
  outcome?: Outcome;
  status: 'ended' | 'waiting';
  /** Where the call waits when the script ran out, and the script tokens that would move it on. */
  waitingFor?: { flowId: string; nodeId: string; kind: WaitKind; expects: string[] };
}
