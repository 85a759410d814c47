import type { CallHistoryTable } from '../db/tables.js';
import { bucketsOf, type Granularity, type LocalHours } from './local-hours.js';
import { average, p90 } from './stats.js';

export const OUTCOMES = ['answered', 'missed', 'abandoned', 'voicemail', 'busy', 'failed'] as const satisfies readonly CallHistoryTable['outcome'][];
type Outcome = (typeof OUTCOMES)[number];
export type OutcomeCounts = Record<Outcome, number>;

/** The columns of a call the figures read. */
export type AnalyticsRow = Pick<
  CallHistoryTable,
  'started_at' | 'answered_at' | 'direction' | 'called' | 'trunk_id' | 'flow_id' | 'flow_version' | 'path' | 'answered_by' | 'queue_id' | 'wait_ms' | 'outcome' | 'voicemail_box'
>;

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

/** One set of calls being counted. */
class Tally {
  calls = 0;
  counts: OutcomeCounts = { answered: 0, missed: 0, abandoned: 0, voicemail: 0, busy: 0, failed: 0 };
  waitSum = 0;
  waits: number[] = [];
  offered = 0;
  within = 0;

  add(row: AnalyticsRow, thresholdMs: number): void {
    this.calls++;
    this.counts[row.outcome]++;
    if (row.wait_ms !== null) {
      this.waitSum += row.wait_ms;
      this.waits.push(row.wait_ms);
    }
    // Service level: calls someone here was to answer (not our own outbound calls, not ones that
    // could not be placed), answered within the threshold: of the queue wait when the call queued,
    // else from its start.
    if (row.direction !== 'outbound' && row.outcome !== 'failed') {
      this.offered++;
      if (row.outcome === 'answered' && row.answered_at !== null && (row.wait_ms ?? row.answered_at - row.started_at) <= thresholdMs) this.within++;
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

/** Tallies by key, listed by calls (most first), then key. */
class Groups {
  private readonly tallies = new Map<string, Tally>();
  add(key: string | null, row: AnalyticsRow, thresholdMs: number): void {
    if (key === null) return;
    let tally = this.tallies.get(key);
    if (!tally) this.tallies.set(key, (tally = new Tally()));
    tally.add(row, thresholdMs);
  }
  list(): Array<Figures & { id: string }> {
    return [...this.tallies].map(([id, tally]) => ({ id, ...tally.figures() })).sort((a, b) => b.calls - a.calls || a.id.localeCompare(b.id));
  }
}

/**
 * The extension a call was for: who answered it, else the mailbox it reached, else the extension
 * an internal call dialled. Outbound calls belong to no extension here (their answerer is the far end).
 */
export function extensionOf(row: AnalyticsRow): string | null {
  if (row.direction === 'outbound') return null;
  return row.answered_by ?? row.voicemail_box ?? (row.direction === 'internal' ? row.called : null);
}

class FunnelTally {
  calls = 0;
  private readonly nodes = new Map<string, FunnelNode>();
  add(path: readonly string[], abandoned: boolean): void {
    this.calls++;
    for (const nodeId of new Set(path)) {
      let node = this.nodes.get(nodeId);
      if (!node) this.nodes.set(nodeId, (node = { nodeId, reached: 0, hungUp: 0 }));
      node.reached++;
    }
    const last = path.at(-1);
    if (abandoned && last !== undefined) this.nodes.get(last)!.hungUp++;
  }
  list(): FunnelNode[] {
    // A Map keeps the order of first insertion; a stable sort keeps it among equals.
    return [...this.nodes.values()].sort((a, b) => b.reached - a.reached);
  }
}

/** Node ids of a stored path; a path that is no JSON array of strings counts as none. */
function pathOf(text: string | null): string[] {
  if (text === null) return [];
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * Every figure of the analytics page from the calls of a range, in one pass. `rows` must be in
 * the order they started (the query's) and inside the hours; `serviceLevelMs` is the service
 * level's threshold.
 */
export function aggregate(rows: Iterable<AnalyticsRow>, hours: LocalHours, options: { granularity: Granularity; timeZone: string; serviceLevelMs: number }): Analytics {
  const { bucketOfHour, starts } = bucketsOf(hours, options.granularity, options.timeZone);
  const buckets = starts.map(() => new Tally());
  const totals = new Tally();
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const extensions = new Groups();
  const trunks = new Groups();
  const queues = new Groups();
  const funnels = new Map<string, FunnelTally>();
  const threshold = options.serviceLevelMs;
  let hour = 0;
  for (const row of rows) {
    if (row.started_at < hours.starts[0]! || row.started_at >= hours.end) continue;
    while (hour + 1 < hours.starts.length && hours.starts[hour + 1]! <= row.started_at) hour++;
    totals.add(row, threshold);
    buckets[bucketOfHour[hour]!]!.add(row, threshold);
    heatmap[hours.weekday[hour]! - 1]![hours.hour[hour]!]!++;
    extensions.add(extensionOf(row), row, threshold);
    trunks.add(row.trunk_id, row, threshold);
    queues.add(row.queue_id, row, threshold);
    if (row.flow_id !== null && row.flow_version !== null) {
      const key = `${row.flow_id}\u0000${row.flow_version}`;
      let funnel = funnels.get(key);
      if (!funnel) funnels.set(key, (funnel = new FunnelTally()));
      funnel.add(pathOf(row.path), row.outcome === 'abandoned');
    }
  }
  return {
    totals: totals.figures(),
    buckets: buckets.map((tally, i) => ({ start: starts[i]!, ...tally.figures() })),
    heatmap,
    extensions: extensions.list(),
    trunks: trunks.list(),
    queues: queues.list(),
    funnels: [...funnels]
      .map(([key, tally]) => {
        const [flowId, version] = key.split('\u0000') as [string, string];
        return { flowId, flowVersion: Number(version), calls: tally.calls, nodes: tally.list() };
      })
      .sort((a, b) => a.flowId.localeCompare(b.flowId) || b.flowVersion - a.flowVersion),
  };
}
