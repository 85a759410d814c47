import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AlertTable, Database } from '../db/tables.js';
import type { AlertKind, Condition } from './conditions.js';
import { alertKey } from './conditions.js';

export type AlertRow = Selectable<AlertTable>;

export async function openAlerts(db: Kysely<Database>, kind?: AlertKind): Promise<AlertRow[]> {
  let query = db.selectFrom('alerts').selectAll().where('resolved_at', 'is', null);
  if (kind) query = query.where('kind', '=', kind);
  return query.orderBy('opened_at', 'desc').execute();
}

/** Open and resolved alerts, newest first. */
export async function alertHistory(db: Kysely<Database>, limit: number): Promise<AlertRow[]> {
  return db.selectFrom('alerts').selectAll().orderBy('opened_at', 'desc').orderBy('id').limit(limit).execute();
}

export async function insertAlert(db: Kysely<Database>, condition: Condition, at: Date): Promise<AlertRow> {
  const row = {
    id: randomUUID(),
    key: alertKey(condition.kind, condition.subject),
    kind: condition.kind,
    subject: condition.subject,
    text_de: condition.text.de,
    text_en: condition.text.en,
    opened_at: at.toISOString(),
    resolved_at: null,
    mailed: 0,
  };
  await db.insertInto('alerts').values(row).execute();
  return row;
}

export async function resolveAlert(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('alerts').set({ resolved_at: at.toISOString() }).where('id', '=', id).execute();
}

export async function markMailed(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('alerts').set({ mailed: 1 }).where('id', '=', id).execute();
}

/** When the last mailed opening of `key` was, if any. */
export async function lastMailedOpening(db: Kysely<Database>, key: string): Promise<Date | undefined> {
  const row = await db.selectFrom('alerts').select('opened_at').where('key', '=', key).where('mailed', '=', 1).orderBy('opened_at', 'desc').limit(1).executeTakeFirst();
  return row ? new Date(row.opened_at) : undefined;
}

/** Drops resolved alerts older than `before` (the history is kept for a while, not forever). */
export async function pruneAlerts(db: Kysely<Database>, before: Date): Promise<void> {
  await db.deleteFrom('alerts').where('resolved_at', 'is not', null).where('resolved_at', '<', before.toISOString()).execute();
}
