import type { NodeVisit, VisitSink } from '@stumpfworks/ari-runtime';
import type { Kysely } from 'kysely';
import type { Database, NewNodeVisit } from '../db/tables.js';
import { CallSteps } from './call-steps.js';
import { insertVisits, pruneVisits } from './visits.repository.js';

export interface VisitStoreOptions {
  /** Visits older than this are dropped. Default 7 days. */
  retentionMs?: number;
  /** At most this many visits are kept (the oldest go first). Default 200,000. */
  maxRows?: number;
  /** Buffered visits are written this often. Default 250 ms. */
  flushMs?: number;
  /** The table is pruned this often. Default 10 minutes. */
  pruneMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

/**
 * Stores node visits of both engines in SQLite, for the live traffic on the canvas. `sink(engine)`
 * gives the VisitSink for one engine. Visits are buffered and written together (a call visits a
 * node every few seconds, a busy PBX many at once); the table is pruned to `retentionMs` and
 * `maxRows`. A failed write is logged with the number of visits lost; it never reaches a call.
 */
export class VisitStore {
  private buffer: NewNodeVisit[] = [];
  /** Each call's place in its flows: a visit is stored with its step, and the canvas asks where live calls are. */
  private readonly steps = new CallSteps();
  private readonly flushTimer: NodeJS.Timeout;
  private readonly pruneTimer: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private readonly retentionMs: number;
  private readonly maxRows: number;
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(
    private readonly db: Kysely<Database>,
    options: VisitStoreOptions = {},
  ) {
    this.retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
    this.maxRows = options.maxRows ?? 200_000;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((line) => console.error(line));
    this.flushTimer = setInterval(() => void this.flush(), options.flushMs ?? 250).unref();
    this.pruneTimer = setInterval(() => void this.prune(), options.pruneMs ?? 600_000).unref();
  }

  /** The sink one engine writes its visits to. */
  sink(engine: NewNodeVisit['engine']): VisitSink {
    return {
      visit: (visit: NodeVisit) => {
        const { prev, revisit } = this.steps.step(visit.callId, visit.flowId, visit.flowVersion, visit.nodeId);
        this.buffer.push({
          flow_id: visit.flowId,
          flow_version: visit.flowVersion,
          node_id: visit.nodeId,
          call_id: visit.callId,
          time: visit.time,
          digits: visit.digits ?? null,
          engine,
          prev_node_id: prev,
          revisit: revisit ? 1 : 0,
        });
      },
    };
  }

  /** How many of the live calls `callIds` are at each node of a flow version now (their latest visit). */
  at(flowId: string, version: number, callIds: Iterable<string>): Map<string, number> {
    return this.steps.at(flowId, version, callIds);
  }

  /** Writes the buffered visits; resolves when they (and earlier writes) are stored or given up. */
  flush(): Promise<void> {
    if (this.buffer.length === 0) return this.writing;
    const batch = this.buffer;
    this.buffer = [];
    this.writing = this.writing.then(() =>
      insertVisits(this.db, batch).catch((error: unknown) => this.log(`[traffic] ${batch.length} node visits could not be stored: ${(error as Error).message}`)),
    );
    return this.writing;
  }

  /** Drops what is older than the retention, then the oldest beyond the row limit. */
  prune(): Promise<void> {
    const before = new Date(this.now() - this.retentionMs).toISOString();
    this.writing = this.writing.then(() =>
      pruneVisits(this.db, before, this.maxRows).then(
        () => undefined,
        (error: unknown) => this.log(`[traffic] pruning node visits failed: ${(error as Error).message}`),
      ),
    );
    return this.writing;
  }

  /** Stops the timers and writes what is buffered. */
  async close(): Promise<void> {
    clearInterval(this.flushTimer);
    clearInterval(this.pruneTimer);
    await this.flush();
  }
}
