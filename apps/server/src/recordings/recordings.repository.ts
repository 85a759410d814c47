import type { Kysely, Selectable } from 'kysely';
import type { Database, RecordingTable } from '../db/tables.js';

export type RecordingRow = Selectable<RecordingTable>;

export interface RecordingFilter {
  from?: string;
  to?: string;
  extension?: string;
  number?: string;
  direction?: RecordingTable['direction'];
  /** Only calls with one of these extensions as caller or callee (an operator's mailboxes); absent: all. */
  parties?: ReadonlySet<string>;
  limit: number;
  offset: number;
}

/** One page, newest first, the total that matches, and what all indexed recordings take on disk. */
export async function listRecordings(db: Kysely<Database>, f: RecordingFilter): Promise<{ total: number; storageBytes: number; rows: RecordingRow[] }> {
  let query = db.selectFrom('recordings');
  if (f.from) query = query.where('started_at', '>=', f.from);
  if (f.to) query = query.where('started_at', '<=', f.to);
  if (f.extension) query = query.where((eb) => eb.or([eb('caller', '=', f.extension!), eb('callee', '=', f.extension!)]));
  // The number is digits, * # and + only (validated), so it needs no LIKE escaping.
  if (f.number) query = query.where((eb) => eb.or([eb('caller', 'like', `%${f.number}%`), eb('callee', 'like', `%${f.number}%`)]));
  if (f.direction) query = query.where('direction', '=', f.direction);
  if (f.parties) {
    const ids = [...f.parties];
    if (ids.length === 0) return { total: 0, storageBytes: await storageBytes(db), rows: [] };
    query = query.where((eb) => eb.or([eb('caller', 'in', ids), eb('callee', 'in', ids)]));
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
  return { total: Number(total), storageBytes: await storageBytes(db), rows };
}

async function storageBytes(db: Kysely<Database>): Promise<number> {
  const { bytes } = await db.selectFrom('recordings').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size_bytes'), eb.lit(0)).as('bytes')).executeTakeFirstOrThrow();
  return Number(bytes);
}

export function getRecording(db: Kysely<Database>, id: number): Promise<RecordingRow | undefined> {
  return db.selectFrom('recordings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteRecordingRow(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('recordings').where('id', '=', id).execute();
}
