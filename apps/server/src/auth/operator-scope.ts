import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { AppError } from '../errors.js';
import { say } from '../http/language.js';
import { listResources } from '../resources/resources.repository.js';
import { roleAllows, type Actor } from './roles.js';

/**
 * Which queues and mailboxes an operator is given (issue #17: operators see "queues and voicemail
 * they are given"). An editor or admin sees all of them. An operator sees what an admin assigned to
 * their account; an operator *token* has no account and so is given nothing (deny by default: a
 * token for a wallboard script would otherwise see every queue).
 */
export const SCOPE_KINDS = ['queue', 'mailbox'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export interface Assignment {
  queues: string[];
  mailboxes: string[];
}

/** What one actor may see of one kind: everything, or exactly these ids. */
export type Scope = { all: true } | { all: false; ids: ReadonlySet<string> };

export function inScope(scope: Scope, id: string): boolean {
  return scope.all || scope.ids.has(id);
}

/** The stored assignment of a user, sorted (a delete of a queue or extension takes its rows along). */
export async function getAssignment(db: Kysely<Database>, userId: string): Promise<Assignment> {
  const rows = await db.selectFrom('operator_scopes').select(['kind', 'resource_id']).where('user_id', '=', userId).orderBy('resource_id').execute();
  const of = (kind: ScopeKind) => rows.filter((r) => r.kind === kind).map((r) => r.resource_id);
  return { queues: of('queue'), mailboxes: of('mailbox') };
}

/** Replaces the user's assignment (one transaction: a reader sees the old one or the new one). */
export async function setAssignment(db: Kysely<Database>, userId: string, assignment: Assignment): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('operator_scopes').where('user_id', '=', userId).execute();
    const rows = [
      ...assignment.queues.map((id) => ({ user_id: userId, kind: 'queue', resource_id: id })),
      ...assignment.mailboxes.map((id) => ({ user_id: userId, kind: 'mailbox', resource_id: id })),
    ];
    if (rows.length > 0) await tx.insertInto('operator_scopes').values(rows).execute();
  });
}

/** The ids of `kind` the actor is given; editors and admins are not limited. */
async function scopeOf(db: Kysely<Database>, actor: Actor, kind: ScopeKind): Promise<Scope> {
  if (roleAllows(actor.role, 'editor')) return { all: true };
  if (!actor.userId) return { all: false, ids: new Set() };
  const rows = await db.selectFrom('operator_scopes').select('resource_id').where('user_id', '=', actor.userId).where('kind', '=', kind).execute();
  return { all: false, ids: new Set(rows.map((r) => r.resource_id)) };
}

export function scopedQueues(db: Kysely<Database>, actor: Actor): Promise<Scope> {
  return scopeOf(db, actor, 'queue');
}

/**
 * The mailboxes (extension ids with voicemail) the actor may list, listen to and act on; for the
 * voicemail routes of issue #18. A mailbox is only in scope while its extension has voicemail on.
 */
export async function scopedMailboxes(db: Kysely<Database>, actor: Actor): Promise<Scope> {
  const scope = await scopeOf(db, actor, 'mailbox');
  const withVoicemail = new Set(
    (await listResources<{ voicemail?: { enabled?: boolean } }>(db, 'extension')).filter((e) => e.body.voicemail?.enabled === true).map((e) => e.id),
  );
  const ids = scope.all ? withVoicemail : new Set([...scope.ids].filter((id) => withVoicemail.has(id)));
  return { all: false, ids };
}

/** 403 for a queue or mailbox the actor is not given (say which, and who can change it). */
export function refuseOutside(kind: ScopeKind, id: string, scope: Scope): void {
  if (inScope(scope, id)) return;
  const text =
    kind === 'queue'
      ? { de: `Die Warteschlange „${id}“ ist Ihnen nicht zugewiesen (ein Admin weist sie unter Benutzer zu)`, en: `queue "${id}" is not assigned to you (an admin assigns it on the users page)` }
      : { de: `Die Mailbox „${id}“ ist Ihnen nicht zugewiesen (ein Admin weist sie unter Benutzer zu)`, en: `mailbox "${id}" is not assigned to you (an admin assigns it on the users page)` };
  throw new AppError('forbidden', say(text));
}
