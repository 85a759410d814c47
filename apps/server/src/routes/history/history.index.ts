import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { scopedMailboxes, scopedQueues } from '../../auth/operator-scope.js';
import { roleAllows, type Actor } from '../../auth/roles.js';
import type { Database } from '../../db/tables.js';
import { callCsvLines } from '../../history/history-csv.js';
import { eachHistoryChunk, listHistory, recordingsOfChannels, sortValue, type CallHistoryRow, type HistoryFilter } from '../../history/history.repository.js';
import { requestLanguage } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import * as routes from './history.routes.js';
import { encodeCursor } from './history.schema.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A stored JSON array of strings; anything else (a row written by hand) reads as empty. */
function stringsOf(json: string | null): string[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    // A broken column shows as no path rather than failing the whole page.
    return [];
  }
}

/** A row as the API shows it, with the links to its recordings and mailbox. */
function callOf(row: CallHistoryRow, recordings: Map<string, number[]>) {
  const ids = stringsOf(row.channel_ids).flatMap((channel) => recordings.get(channel) ?? []);
  return {
    id: row.linkedid,
    startedAt: iso(row.started_at)!,
    answeredAt: iso(row.answered_at),
    endedAt: iso(row.ended_at)!,
    direction: row.direction,
    caller: row.caller,
    callerName: row.caller_name,
    called: row.called,
    trunk: row.trunk_id,
    flow: row.flow_id === null ? null : { id: row.flow_id, version: row.flow_version },
    path: stringsOf(row.path),
    answeredBy: row.answered_by,
    queue: row.queue_id,
    waitMs: row.wait_ms,
    talkMs: row.talk_ms,
    outcome: row.outcome,
    voicemailBox: row.voicemail_box,
    transferredTo: row.transferred_to,
    recordings: [...new Set(ids)].map((id) => ({ id, href: `/api/v1/recordings/${id}` })),
    voicemail: row.voicemail_box === null ? null : { box: row.voicemail_box, href: `/api/v1/voicemail/${encodeURIComponent(row.voicemail_box)}/messages` },
  };
}

/**
 * What the actor may see, as /recordings decides: editors and admins every call; an operator the
 * calls of the extensions whose mailboxes they are given (issue #17's scope) and of their queues.
 */
async function scopeOf(db: Kysely<Database>, actor: Actor): Promise<HistoryFilter['scope']> {
  if (roleAllows(actor.role, 'editor')) return undefined;
  const [mailboxes, queues] = await Promise.all([scopedMailboxes(db, actor), scopedQueues(db, actor)]);
  return { extensions: mailboxes.all ? new Set() : mailboxes.ids, queues: queues.all ? new Set() : queues.ids };
}

function filterOf(query: { from?: number; to?: number; number?: string; extension?: string; direction?: HistoryFilter['direction']; outcome?: HistoryFilter['outcomes']; flow?: string; queue?: string; trunk?: string }, scope: HistoryFilter['scope']): HistoryFilter {
  const { outcome, ...rest } = query;
  return { ...rest, ...(outcome ? { outcomes: outcome } : {}), ...(scope ? { scope } : {}) };
}

/** GET /history (a page) and GET /history.csv (every match, streamed). */
export function historyRouter(deps: { db: Kysely<Database> }) {
  const router = createRouter();

  router.openapi(routes.listHistory, async (c) => {
    const { sort, dir, limit, cursor, ...query } = c.req.valid('query');
    const filter = filterOf(query, await scopeOf(deps.db, c.get('actor')));
    // A cursor of another order would start somewhere meaningless: it starts this order's first page instead.
    const after = cursor && cursor.sort === sort && cursor.dir === dir ? cursor : undefined;
    const { rows, more } = await listHistory(deps.db, filter, { sort, dir, limit, ...(after ? { cursor: after } : {}) });
    const recordings = await recordingsOfChannels(deps.db, rows.flatMap((r) => stringsOf(r.channel_ids)));
    const last = rows[rows.length - 1];
    const next = more && last ? encodeCursor({ sort, dir, value: sortValue(last, sort), linkedid: last.linkedid }) : null;
    return c.json({ calls: rows.map((r) => callOf(r, recordings)), next }, 200);
  });

  router.openapi(routes.exportHistory, async (c) => {
    const { sort, dir, lang, ...query } = c.req.valid('query');
    const filter = filterOf(query, await scopeOf(deps.db, c.get('actor')));
    // Read now: the stream is pulled after the handler returned, outside the request's language.
    const language = lang ?? requestLanguage();
    const chunks = eachHistoryChunk(deps.db, filter, { sort, dir });
    // A Node stream that reads a chunk when the socket wants more: memory stays at one chunk.
    const body = Readable.toWeb(Readable.from(callCsvLines(chunks, language))) as ReadableStream;
    const day = new Date().toISOString().slice(0, 10);
    return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="call-history-${day}.csv"` }) as never;
  });
  return router;
}
