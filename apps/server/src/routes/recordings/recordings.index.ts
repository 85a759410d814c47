import { createReadStream, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../../audit/audit-log.js';
import { auditActor, isAuditRead } from '../../audit/audit.middleware.js';
import { scopedMailboxes } from '../../auth/operator-scope.js';
import { roleAllows, type Actor } from '../../auth/roles.js';
import type { Database } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import type { AppEnv } from '../../http/app-env.js';
import { say } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import { deleteRecordingRow, getRecording, listRecordings, type RecordingRow } from '../../recordings/recordings.repository.js';
import * as routes from './recordings.routes.js';

/** A row as the API shows it. */
function recordingOf(row: RecordingRow) {
  return {
    id: row.id,
    callId: row.call_id,
    startedAt: row.started_at,
    caller: row.caller,
    callee: row.callee,
    direction: row.direction,
    kind: row.kind,
    durationMs: row.duration_ms,
    sizeBytes: row.size_bytes,
  };
}

/**
 * The extensions whose calls the actor may hear: editors and admins all (undefined); an operator
 * the extensions of the mailboxes they are given (issue #17's scope), none without any.
 */
async function partiesOf(db: Kysely<Database>, actor: Actor): Promise<ReadonlySet<string> | undefined> {
  if (roleAllows(actor.role, 'editor')) return undefined;
  const scope = await scopedMailboxes(db, actor);
  return scope.all ? undefined : scope.ids;
}

/** 404 for an id that is no recording, then 403 for one outside the actor's extensions. */
async function recordingFor(db: Kysely<Database>, actor: Actor, id: number): Promise<RecordingRow> {
  const row = await getRecording(db, id);
  if (!row) throw new AppError('not-found', say({ de: `Keine Aufzeichnung ${id}`, en: `no recording ${id}` }));
  const parties = await partiesOf(db, actor);
  if (parties && !parties.has(row.caller) && !parties.has(row.callee)) {
    throw new AppError('forbidden', say({
      de: `Die Aufzeichnung ${id} gehört zu keiner Ihnen zugewiesenen Mailbox (ein Admin weist sie unter Benutzer zu)`,
      en: `recording ${id} belongs to no mailbox assigned to you (an admin assigns them on the users page)`,
    }));
  }
  return row;
}

/** The one byte range of a `Range: bytes=...` header within `size`, or undefined (absent, several, or not satisfiable: the whole file). */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '') || size === 0) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 ? undefined : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start > end ? undefined : { start, end };
}

/** GET /recordings, GET and DELETE /recordings/{id}; `dir` is Asterisk's monitor/ spool (absent: no Asterisk configured). */
export function recordingsRouter(deps: { db: Kysely<Database>; audit: AuditLog; recordingsDir?: string; addressOf: (c: Context<AppEnv>) => string }) {
  const router = createRouter();
  const fileOf = (row: RecordingRow) => {
    const path = deps.recordingsDir ? join(deps.recordingsDir, row.file) : undefined;
    const size = path ? statSync(path, { throwIfNoEntry: false })?.size : undefined;
    if (!path || size === undefined) throw new AppError('not-found', say({ de: `Die Datei der Aufzeichnung ${row.id} fehlt`, en: `the file of recording ${row.id} is missing` }));
    return { path, size };
  };

  router.openapi(routes.listRecordings, async (c) => {
    const query = c.req.valid('query');
    const parties = await partiesOf(deps.db, c.get('actor'));
    const page = await listRecordings(deps.db, { ...query, ...(parties ? { parties } : {}) });
    return c.json({ total: page.total, storageBytes: page.storageBytes, recordings: page.rows.map(recordingOf) }, 200);
  });

  router.openapi(routes.getRecording, async (c) => {
    const actor = c.get('actor');
    const row = await recordingFor(deps.db, actor, c.req.valid('param').id);
    const { path, size } = fileOf(row);
    const range = byteRange(c.req.header('range'), size);
    // A listen starts at the first byte; the player's later ranges (seeking) are not new listens.
    if ((range?.start ?? 0) === 0 && !isAuditRead(c.req.raw)) {
      await deps.audit.append({ actor: auditActor(actor), address: deps.addressOf(c), action: 'recording.listen', resource: { type: 'recordings', id: String(row.id) }, outcome: range ? 206 : 200 });
    }
    const body = Readable.toWeb(createReadStream(path, range ? { start: range.start, end: range.end } : {})) as ReadableStream;
    const headers: Record<string, string> = { 'content-type': row.file.endsWith('.mp3') ? 'audio/mpeg' : 'audio/wav', 'accept-ranges': 'bytes' };
    if (!range) return c.body(body, 200, { ...headers, 'content-length': String(size) }) as never;
    return c.body(body, 206, { ...headers, 'content-length': String(range.end - range.start + 1), 'content-range': `bytes ${range.start}-${range.end}/${size}` }) as never;
  });

  router.openapi(routes.deleteRecording, async (c) => {
    const row = await recordingFor(deps.db, c.get('actor'), c.req.valid('param').id);
    // The file first: a failed delete leaves the row, and the recording stays findable.
    if (deps.recordingsDir) await rm(join(deps.recordingsDir, row.file), { force: true });
    await deleteRecordingRow(deps.db, row.id);
    return c.body(null, 204);
  });
  return router;
}
