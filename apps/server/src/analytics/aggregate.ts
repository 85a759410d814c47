import type { CallHistoryTable } from '../db/tables.js';
import type { FigureRow, PartyRow, PathRow } from './analytics.repository.js';
import { bucketsOf, type Granularity, type LocalHours } from './local-hours.js';
import { average, p90 } from './stats.js';

export const OUTCOMES = ['answered', 'missed', 'abandoned', 'voicemail', 'busy', 'failed'] as const satisfies readonly CallHistoryTable['outcome'][];
type Outcome = (typeof OUTCOMES)[number];
export type OutcomeCounts = Record<Outcome, number>;

/** Calls, their outcomes, the wait (average, p90) and the service level of a set of calls. */
export interface Figures extends OutcomeCounts {
  calls: number;
  /** Over the calls that waited in a queue (`wait_ms`); null: none did. */
  avgWaitMs: number | null;
  p90WaitMs: number | null;
  /** Share (0-1) of the offered calls answered within the threshold; null: none offered. */
  serviceLevel: number | null;
}

export interface FunnelNode {
  nodeId: string;
  /** Calls that reached the node (once each, however often they came back). */
  reached: number;
  /** Abandoned calls whose path ended here: where callers hung up. */
  hungUp: number;
}

export interface Funnel {
  flowId: string;
  flowVersion: number;
  calls: number;
  /** Most reached first; ties in the order calls first reached them. */
  nodes: FunnelNode[];
}

export interface Analytics {
  totals: Figures;
  buckets: Array<Figures & { start: string }>;
  /** Calls per local weekday (0 = Monday) and hour of day: 7 rows of 24. */
  heatmap: number[][];
  extensions: Array<Figures & { id: string }>;
  trunks: Array<Figures & { id: string }>;
  queues: Array<Figures & { id: string }>;
  funnels: Funnel[];
}

/** What the figures are counted from: the range's calls grouped by hour, by extension/trunk/queue, and by path. */
export interface AnalyticsInput {
  hours: readonly FigureRow[];
  parties: readonly PartyRow[];
  paths: readonly PathRow[];
}

/** One set of calls being counted. */
class Tally {
  calls = 0;
  counts: OutcomeCounts = { answered: 0, missed: 0, abandoned: 0, voicemail: 0, busy: 0, failed: 0 };
  waitSum = 0;
  waits: number[] = [];
  offered = 0;
  within = 0;

  add(row: Omit<FigureRow, 'key'>): void {
    const calls = Number(row.calls);
    this.calls += calls;
    this.counts[row.outcome] += calls;
    for (const text of row.waits?.split(',') ?? []) {
      const wait = Number(text);
      this.waitSum += wait;
      this.waits.push(wait);
    }
    // Service level: calls someone here was to answer (not our own outbound calls, not ones that
    // could not be placed), answered within the threshold (SQLite counted `within`).
    if (!row.outbound && row.outcome !== 'failed') {
      this.offered += calls;
      this.within += Number(row.within);
    }
  }

  figures(): Figures {
    return {
      calls: this.calls,
      ...this.counts,
      avgWaitMs: average(this.waitSum, this.waits.length) ?? null,
      p90WaitMs: p90(this.waits) ?? null,
      serviceLevel: this.offered === 0 ? null : this.within / this.offered,
    };
  }
}

/** Tallies by one of the party columns (rows without it left out), listed by calls (most first), then key. */
function groups(rows: readonly PartyRow[], by: 'extension' | 'trunk' | 'queue'): Array<Figures & { id: string }> {
  const tallies = new Map<string, Tally>();
  for (const row of rows) {
    const key = row[by];
    if (key === null) continue;
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = new Tally()));
    tally.add(row);
  }
  return [...tallies].map(([id, tally]) => ({ id, ...tally.figures() })).sort((a, b) => b.calls - a.calls || a.id.localeCompare(b.id));
}

/** Node ids of a stored path; a path that is no JSON array of strings counts as none. */
function pathOf(text: string | null): string[] {
  if (text === null) return [];
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
}

/** The funnel of each flow version: calls per node (each once), and where abandoned calls ended. */
function funnels(rows: readonly PathRow[]): Funnel[] {
  const byVersion = new Map<string, { flowId: string; flowVersion: number; calls: number; nodes: Map<string, FunnelNode> }>();
  for (const row of rows) {
    const key = `${row.flow_id}\u0000${row.flow_version}`;
    let funnel = byVersion.get(key);
    if (!funnel) byVersion.set(key, (funnel = { flowId: row.flow_id, flowVersion: Number(row.flow_version), calls: 0, nodes: new Map() }));
    const calls = Number(row.calls);
    funnel.calls += calls;
    const path = pathOf(row.path);
    for (const nodeId of new Set(path)) {
      let node = funnel.nodes.get(nodeId);
      if (!node) funnel.nodes.set(nodeId, (node = { nodeId, reached: 0, hungUp: 0 }));
      node.reached += calls;
    }
    const last = path.at(-1);
    if (row.abandoned && last !== undefined) funnel.nodes.get(last)!.hungUp += calls;
  }
  return [...byVersion.values()]
    .map(({ nodes, ...funnel }) => ({
      ...funnel,
      // Most reached first; a stable sort keeps the order of first sight among equals (Map order).
      nodes: [...nodes.values()].sort((a, b) => b.reached - a.reached),
    }))
    .sort((a, b) => a.flowId.localeCompare(b.flowId) || b.flowVersion - a.flowVersion);
}

/**
 * Every figure of the analytics page from the range's grouped calls. The hour rows place calls in
 * their bucket and the heatmap through `hours` (local, DST-correct), without a date per call.
 */
export function aggregate(input: AnalyticsInput, hours: LocalHours, options: { granularity: Granularity; timeZone: string }): Analytics {
  const { bucketOfHour, starts } = bucketsOf(hours, options.granularity, options.timeZone);
  const buckets = starts.map(() => new Tally());
  const totals = new Tally();
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const row of input.hours) {
    const hour = Number(row.key);
    if (!(hour >= 0 && hour < hours.starts.length)) continue;
    totals.add(row);
    buckets[bucketOfHour[hour]!]!.add(row);
    heatmap[hours.weekday[hour]! - 1]![hours.hour[hour]!]! += Number(row.calls);
  }
  return {
    totals: totals.figures(),
    buckets: buckets.map((tally, i) => ({ start: starts[i]!, ...tally.figures() })),
    heatmap,
    extensions: groups(input.parties, 'extension'),
    trunks: groups(input.parties, 'trunk'),
    queues: groups(input.parties, 'queue'),
    funnels: funnels(input.paths),
  };
}
