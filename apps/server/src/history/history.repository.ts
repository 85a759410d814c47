import { sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { CallHistoryTable, Database } from '../db/tables.js';

export type CallHistoryRow = Selectable<CallHistoryTable>;
export type HistorySort = 'startedAt' | 'talkMs' | 'waitMs';

/** Where the last page ended: the sort value and the linkedid of its last row (linkedid breaks ties). */
export interface HistoryCursor {
  sort: HistorySort;
  dir: 'asc' | 'desc';
  value: number;
  linkedid: string;
}

export interface HistoryFilter {
  /** Epoch ms, inclusive. */
  from?: number;
  to?: number;
  /** A prefix of the caller's or the called number (digits, * # +; validated at the edge). */
  number?: string;
  /** Caller, called or answered_by, exactly. */
  extension?: string;
  direction?: CallHistoryTable['direction'];
  outcomes?: readonly CallHistoryTable['outcome'][];
  flow?: string;
  queue?: string;
  trunk?: string;
  /**
   * An operator's scope: only calls with one of these extensions as caller, called, answerer or
   * mailbox reached, or through one of these queues; absent: all calls.
   */
  scope?: { extensions: ReadonlySet<string>; queues: ReadonlySet<string> };
}

type Eb = ExpressionBuilder<Database, 'call_history'>;

/**
 * The sort column as an expression: a call without a queue has no wait (null), sorted as -1 so it
 * comes first ascending and the keyset comparison never meets a null.
 */
function sortExpression(sort: HistorySort): Expression<number> {
  if (sort === 'startedAt') return sql<number>`started_at`;
  if (sort === 'talkMs') return sql<number>`talk_ms`;
  return sql<number>`coalesce(wait_ms, -1)`;
}

/** The value of a row in the sort column, as `sortExpression` sees it. */
export function sortValue(row: CallHistoryRow, sort: HistorySort): number {
  return sort === 'startedAt' ? row.started_at : sort === 'talkMs' ? row.talk_ms : (row.wait_ms ?? -1);
}

/**
 * The least string above every string that starts with `prefix` (its last character plus one), so a
 * prefix is a range on the (caller|called, started_at) indexes; LIKE 'x%' would not use them
 * (SQLite's LIKE is case-insensitive, the indexes are not).
 */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

function filterOf(eb: Eb, f: HistoryFilter): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [];
  if (f.from !== undefined) all.push(eb('started_at', '>=', f.from));
  if (f.to !== undefined) all.push(eb('started_at', '<=', f.to));
  if (f.number) {
    const end = prefixEnd(f.number);
    all.push(eb.or([eb.and([eb('caller', '>=', f.number), eb('caller', '<', end)]), eb.and([eb('called', '>=', f.number), eb('called', '<', end)])]));
  }
  if (f.extension) all.push(eb.or([eb('caller', '=', f.extension), eb('called', '=', f.extension), eb('answered_by', '=', f.extension)]));
  if (f.direction) all.push(eb('direction', '=', f.direction));
  if (f.outcomes && f.outcomes.length > 0) all.push(eb('outcome', 'in', [...f.outcomes]));
  if (f.flow) all.push(eb('flow_id', '=', f.flow));
  if (f.queue) all.push(eb('queue_id', '=', f.queue));
  if (f.trunk) all.push(eb('trunk_id', '=', f.trunk));
  if (f.scope) {
    const extensions = [...f.scope.extensions];
    const queues = [...f.scope.queues];
    const visible: Expression<SqlBool>[] = [];
    if (extensions.length > 0) {
      visible.push(eb('caller', 'in', extensions), eb('called', 'in', extensions), eb('answered_by', 'in', extensions), eb('voicemail_box', 'in', extensions));
    }
    if (queues.length > 0) visible.push(eb('queue_id', 'in', queues));
    all.push(visible.length > 0 ? eb.or(visible) : sql<SqlBool>`0`);
  }
  return eb.and(all);
}

type Page = { sort: HistorySort; dir: 'asc' | 'desc'; limit: number; cursor?: HistoryCursor };

/**
 * One page of calls in the sort order, after `cursor` (keyset: no OFFSET, so a deep page costs what
 * the first does); ties on the sort value are ordered by linkedid, so the order is total and a call
 * is never shown twice nor skipped. Returns `limit` rows and whether more follow.
 *
 * Several outcomes are one query each, merged here: each reads its (outcome, started_at) index in
 * order and stops after a page, where `outcome IN (...)` made SQLite sort the whole time range
 * (186 ms against 20 for a month of a million calls; bench/history-page.bench.ts).
 */
export async function listHistory(db: Kysely<Database>, f: HistoryFilter, page: Page): Promise<{ rows: CallHistoryRow[]; more: boolean }> {
  const outcomes = f.outcomes ?? [];
  const rows =
    outcomes.length > 1
      ? (await Promise.all(outcomes.map((outcome) => pageRows(db, { ...f, outcomes: [outcome] }, page)))).flat().sort(compareBy(page)).slice(0, page.limit + 1)
      : await pageRows(db, f, page);
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
}

/** The order of the page in JS, as SQLite orders it (linkedids are ASCII: code units sort as bytes). */
function compareBy(page: Page): (a: CallHistoryRow, b: CallHistoryRow) => number {
  const sign = page.dir === 'asc' ? 1 : -1;
  return (a, b) => sign * (sortValue(a, page.sort) - sortValue(b, page.sort) || (a.linkedid < b.linkedid ? -1 : a.linkedid > b.linkedid ? 1 : 0));
}

/** Up to `limit + 1` rows of the page (one more tells whether another page follows). */
function pageRows(db: Kysely<Database>, f: HistoryFilter, page: Page): Promise<CallHistoryRow[]> {
  const key = sortExpression(page.sort);
  const after = page.cursor;
  return db
    .selectFrom('call_history')
    .selectAll()
    .where((eb) => filterOf(eb, f))
    .$if(after !== undefined, (q) =>
      q.where(page.dir === 'desc' ? sql<SqlBool>`(${key}, linkedid) < (${after!.value}, ${after!.linkedid})` : sql<SqlBool>`(${key}, linkedid) > (${after!.value}, ${after!.linkedid})`),
    )
    .orderBy(key, page.dir)
    .orderBy('linkedid', page.dir)
    .limit(page.limit + 1)
    .execute();
}

/** Every call that matches, in keyset chunks of `chunk` rows (memory stays at one chunk however many match). */
export async function* eachHistoryChunk(db: Kysely<Database>, f: HistoryFilter, order: { sort: HistorySort; dir: 'asc' | 'desc' }, chunk = 5000): AsyncGenerator<CallHistoryRow[]> {
  let cursor: HistoryCursor | undefined;
  for (;;) {
    const { rows, more } = await listHistory(db, f, { ...order, limit: chunk, ...(cursor ? { cursor } : {}) });
    if (rows.length > 0) yield rows;
    if (!more) return;
    const last = rows[rows.length - 1]!;
    cursor = { ...order, value: sortValue(last, order.sort), linkedid: last.linkedid };
  }
}

/** The recordings of these channels (recordings.call_id is the UNIQUEID of a call's channel), by channel. */
export async function recordingsOfChannels(db: Kysely<Database>, channelIds: readonly string[]): Promise<Map<string, number[]>> {
  const byChannel = new Map<string, number[]>();
  if (channelIds.length === 0) return byChannel;
  const rows = await db.selectFrom('recordings').select(['id', 'call_id']).where('call_id', 'in', [...new Set(channelIds)]).orderBy('id').execute();
  for (const row of rows) byChannel.set(row.call_id, [...(byChannel.get(row.call_id) ?? []), row.id]);
  return byChannel;
}

/** Deletes the calls that started before `before` (epoch ms): the history's retention. */
export async function pruneHistory(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db.deleteFrom('call_history').where('started_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
