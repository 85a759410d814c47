import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import { journalEnd, readJournalOf, type JournalPosition } from '../recordings/cdr-journal.js';
import { readRotating } from '../recordings/journal-rotation.js';
import { buildCall, type FlowVisit } from './call-builder.js';
import { CEL_JOURNAL, celEvent, type CelEvent } from './cel-journal.js';

/** The CEL journal's row in cdr_journal. */
const JOURNAL = 'cel';
/** The slow fallback read, for a file system whose change events do not arrive (a network mount, a volume). */
const FALLBACK_MS = 5000;
/**
 * A call with no event for this long is over: Asterisk stopped (a crash, a kill) before it wrote
 * the call's LINKEDID_END, which then never comes. Its row is written from the events there are.
 * A call that lasts longer without a single event (a quiet day-long conference) gets its row early.
 */
export const STALE_CALL_MS = 24 * 3600_000;
/** How often the unfinished calls are checked for stale ones. */
const STALE_CHECK_MS = 3600_000;

export interface HistoryIngestDeps {
  db: Kysely<Database>;
  /** The CEL journal's path (asterisk/conf/cel_custom.conf). */
  journal: string;
  log: (line: string) => void;
  /** Writes the node visits buffered by the server (traffic/visit-store.ts) before a call's row takes them. */
  flushVisits?: () => Promise<void>;
  fallbackMs?: number;
}

/**
 * Fills call_history from the CEL journal: reads it from the stored position, keeps the events of
 * calls that have not ended in call_events, and at a call's LINKEDID_END writes its row, deletes
 * its kept events and stores the new position, all in one transaction per chunk read: a crash
 * never double-counts (the position moves with the rows) nor loses (nothing is forgotten before
 * its row is written). Reads run one after another; a change during a read gets one more read.
 */
export class HistoryIngest {
  private queue: Promise<unknown> = Promise.resolve();
  private pending: Promise<number> | undefined;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private staleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: HistoryIngestDeps) {}

  /** Reads now, then on every change of the journal's directory and every few seconds. */
  start(): void {
    void this.trigger();
    void this.finishStale();
    this.staleTimer = setInterval(() => void this.finishStale(), STALE_CHECK_MS);
    this.staleTimer.unref();
    try {
      this.watcher = watch(dirname(this.deps.journal), (_type, name) => {
        if (!name || name === basename(this.deps.journal)) void this.trigger();
      });
      this.watcher.on('error', (error) => this.deps.log(`[history] watching ${this.deps.journal} failed (${error.message}); reading it every ${this.deps.fallbackMs ?? FALLBACK_MS} ms`));
    } catch (error) {
      // No directory yet (Asterisk has not written a CEL): the fallback interval finds the journal once it exists.
      this.deps.log(`[history] cannot watch ${dirname(this.deps.journal)} (${(error as Error).message}); reading the CEL journal every ${this.deps.fallbackMs ?? FALLBACK_MS} ms`);
    }
    this.timer = setInterval(() => void this.trigger(), this.deps.fallbackMs ?? FALLBACK_MS);
    this.timer.unref();
  }

  /**
   * A read soon (an AMI (re)connect, a change); at most one waits behind a running one. Resolves
   * with the rows that read wrote (0 when it failed: logged).
   */
  trigger(): Promise<number> {
    if (this.pending) return this.pending;
    const next = this.queue.then(async () => {
      this.pending = undefined;
      return this.catchUp().catch((error: Error) => {
        this.deps.log(`[history] reading the CEL journal failed: ${error.message}`);
        return 0;
      });
    });
    this.pending = next;
    this.queue = next;
    return next;
  }

  /** Stops watching and waits for the read under way. */
  async stop(): Promise<void> {
    this.watcher?.close();
    if (this.timer) clearInterval(this.timer);
    if (this.staleTimer) clearInterval(this.staleTimer);
    await this.queue;
  }

  /**
   * Writes the rows of unfinished calls whose last event is older than STALE_CALL_MS (see there),
   * in turn with the reads; the rows written.
   */
  finishStale(now = Date.now()): Promise<number> {
    const next = this.queue.then(async () => {
      const stale = await this.deps.db
        .selectFrom('call_events')
        .select('linkedid')
        .groupBy('linkedid')
        .having((eb) => eb.fn.max(sql<number>`json_extract(event, '$.time')`), '<', now - STALE_CALL_MS)
        .execute();
      let written = 0;
      for (const { linkedid } of stale) written += await this.deps.db.transaction().execute((trx) => this.writeCall(trx, linkedid, []));
      if (stale.length > 0) this.deps.log(`[history] ${stale.length} call(s) had no event for ${STALE_CALL_MS / 3600_000} h (Asterisk stopped before they ended): ${written} row(s) written from their events`);
      return written;
    }).catch((error: Error) => {
      this.deps.log(`[history] finishing stale calls failed: ${error.message}`);
      return 0;
    });
    this.queue = next;
    return next;
  }

  /**
   * Reads the journal on from the stored position; the rows written. A database without a position
   * starts at the journal's end (the calls before are not this database's), or at the start of a
   * journal that does not exist yet.
   */
  async catchUp(): Promise<number> {
    const { db, journal } = this.deps;
    const stored = await db.selectFrom('cdr_journal').selectAll().where('name', '=', JOURNAL).executeTakeFirst();
    if (!stored) {
      const end = await journalEnd(journal, CEL_JOURNAL);
      await db.insertInto('cdr_journal').values({ name: JOURNAL, inode: end?.inode ?? null, offset: end?.offset ?? 0 }).execute();
      return 0;
    }
    let written = 0;
    await readRotating(journal, { read: async (file) => void (written += await this.read(file)), position: () => this.position(), log: this.deps.log });
    return written;
  }

  /** Where the journal was read to. */
  private async position(): Promise<JournalPosition | undefined> {
    const stored = await this.deps.db.selectFrom('cdr_journal').selectAll().where('name', '=', JOURNAL).executeTakeFirst();
    return stored && stored.inode !== null ? { inode: stored.inode, offset: stored.offset } : undefined;
  }

  /** Reads `file` (the journal, or a rotated one) on from the stored position; the rows written. */
  private async read(file: string): Promise<number> {
    const { db } = this.deps;
    let written = 0;
    await readJournalOf(file, CEL_JOURNAL, await this.position(), async (records, position, skipped) => {
      if (skipped > 0) this.deps.log(`[history] skipped ${skipped} record(s) of the CEL journal ${file} in another format`);
      const byCall = new Map<string, CelEvent[]>();
      const ended: string[] = [];
      for (const record of records) {
        if (!record.linkedid) continue;
        const event = celEvent(record);
        byCall.set(event.linkedId, [...(byCall.get(event.linkedId) ?? []), event]);
        if (event.event === 'LINKEDID_END') ended.push(event.linkedId);
      }
      // The ARI engine's visits are buffered for up to 250 ms: written before a row takes them.
      if (ended.length > 0) await this.deps.flushVisits?.();
      written += await db.transaction().execute(async (trx) => {
        let rows = 0;
        const endedSet = new Set(ended);
        const unfinished = [...byCall].filter(([id]) => !endedSet.has(id)).flatMap(([id, events]) => events.map((e) => ({ linkedid: id, event: JSON.stringify(e) })));
        for (let i = 0; i < unfinished.length; i += 500) await trx.insertInto('call_events').values(unfinished.slice(i, i + 500)).execute();
        for (const id of endedSet) rows += await this.writeCall(trx, id, byCall.get(id) ?? []);
        await trx.updateTable('cdr_journal').set({ inode: position.inode, offset: position.offset }).where('name', '=', JOURNAL).execute();
        return rows;
      });
    });
    return written;
  }

  /** Writes the row of the ended call `linkedId` from its kept and new events; 1 when written. */
  private async writeCall(trx: Transaction<Database>, linkedId: string, fresh: CelEvent[]): Promise<number> {
    const kept = await trx.selectFrom('call_events').select('event').where('linkedid', '=', linkedId).orderBy('id').execute();
    const events = [...kept.map((k) => JSON.parse(k.event) as CelEvent), ...fresh];
    await trx.deleteFrom('call_events').where('linkedid', '=', linkedId).execute();
    const channelIds = [...new Set(events.filter((e) => e.event === 'CHAN_START').map((e) => e.uniqueId))];
    const row = buildCall(events, await this.ariVisits(trx, channelIds));
    if (!row) {
      this.deps.log(`[history] call ${linkedId} began before the CEL journal was first read; no history row`);
      return 0;
    }
    if (row.flow_id !== null && row.flow_version === null) row.flow_version = await this.liveVersion(trx, row.flow_id, row.started_at);
    const result = await trx.insertInto('call_history').values(row).onConflict((c) => c.column('linkedid').doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n);
  }

  /**
   * The version of `flowId` that was live at `at` (epoch ms): the dialplan is compiled without
   * versions (a new version with the same document reloads nothing), so its marks name none; the
   * last publish that put the configuration live before the call says which ran.
   */
  private async liveVersion(trx: Transaction<Database>, flowId: string, at: number): Promise<number | null> {
    const publish = await trx
      .selectFrom('publishes')
      .select('flow_versions')
      .where('outcome', 'in', ['applied', 'unchanged'])
      .where('finished_at', '<=', new Date(at).toISOString())
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const version = publish ? (JSON.parse(publish.flow_versions) as Record<string, unknown>)[flowId] : undefined;
    return typeof version === 'number' ? version : null;
  }

  /** The node visits the ARI engine stored for these channels (its call id is the channel's id), in time order. */
  private async ariVisits(trx: Transaction<Database>, channelIds: string[]): Promise<FlowVisit[]> {
    if (channelIds.length === 0) return [];
    const rows = await trx
      .selectFrom('node_visits')
      .select(['flow_id', 'flow_version', 'node_id'])
      .where('call_id', 'in', channelIds)
      .where('engine', '=', 'ari')
      .orderBy('time')
      .execute();
    return rows.map((r) => ({ flowId: r.flow_id, flowVersion: r.flow_version, nodeId: r.node_id }));
  }
}
