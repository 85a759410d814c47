import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import { ChainVerifier, GENESIS, PRUNE_ACTION, rowHash, type AuditFields, type AuditRow, type Break } from './chain.js';
import { auditSide } from './mask.js';

/** Who did it: a person, a token, the NAS, or the server itself (a ban, the retention prune). */
export interface AuditActor {
  kind: 'user' | 'token' | 'nas' | 'system' | 'anonymous';
  name: string;
  role?: string;
  userId?: string;
  /** How they authenticated: `session:<first 12 hex of the session's id hash>` or `bearer`. */
  via?: string;
}

/** One event to record; `before` and `after` are masked and stored as canonical JSON. */
export interface AuditEvent {
  actor: AuditActor;
  address?: string;
  action: string;
  resource?: { type: string; id?: string };
  /** The HTTP status; absent for events outside the API. */
  outcome?: number;
  before?: unknown;
  after?: unknown;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  resource?: string;
  /** ISO times, inclusive. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export type VerifyResult = { ok: true; rows: number; head?: { seq: number; hash: string } } | { ok: false; rows: number; broken: Break };

const PAGE = 1000;
const DAY_MS = 86_400_000;

/**
 * The audit log's store: appends in one transaction each (the driver's one connection under its
 * mutex keeps appends in order, so two never take the same previous hash), lists with filters,
 * verifies the chain page by page, and prunes by age leaving a checkpoint.
 */
export class AuditLog {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async append(event: AuditEvent): Promise<AuditRow> {
    return this.db.transaction().execute((trx) => this.appendIn(trx, event));
  }

  /** `previous`: the row to follow when the table has none left (a prune that removed them all). */
  private async appendIn(trx: Transaction<Database>, event: AuditEvent, previous?: { seq: number; hash: string }): Promise<AuditRow> {
    const last = (await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst()) ?? previous;
    const fields: AuditFields = {
      seq: (last?.seq ?? 0) + 1,
      at: this.now().toISOString(),
      actor_kind: event.actor.kind,
      actor_name: event.actor.name,
      actor_role: event.actor.role ?? null,
      actor_user_id: event.actor.userId ?? null,
      actor_via: event.actor.via ?? null,
      address: event.address ?? null,
      action: event.action,
      resource_type: event.resource?.type ?? null,
      resource_id: event.resource?.id ?? null,
      outcome: event.outcome ?? null,
      before: auditSide(event.before),
      after: auditSide(event.after),
      prev_hash: last?.hash ?? GENESIS,
    };
    const row = { ...fields, hash: rowHash(fields) };
    await trx.insertInto('audit_log').values(row).execute();
    return row;
  }

  /** Newest first, with the total that matches (for paging). */
  async list(query: AuditQuery): Promise<{ total: number; entries: AuditRow[] }> {
    let select = this.db.selectFrom('audit_log');
    if (query.actor) select = select.where('actor_name', '=', query.actor);
    if (query.action) select = select.where(sql<boolean>`action like ${`%${escapeLike(query.action)}%`} escape '\\'`);
    if (query.resource) {
      const [type, ...id] = query.resource.split('/');
      select = select.where('resource_type', '=', type!);
      if (id.length > 0) select = select.where('resource_id', '=', id.join('/'));
    }
    if (query.from) select = select.where('at', '>=', query.from);
    if (query.to) select = select.where('at', '<=', query.to);
    const { total } = await select.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const entries = await select.selectAll().orderBy('seq', 'desc').limit(query.limit).offset(query.offset).execute();
    return { total: Number(total), entries };
  }

  /** Walks the whole chain in seq order; the first break, or ok with the head. */
  async verify(): Promise<VerifyResult> {
    const verifier = new ChainVerifier();
    let after = 0;
    for (;;) {
      const rows = await this.db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(PAGE).execute();
      for (const row of rows) {
        const broken = verifier.feed(row);
        if (broken) return { ok: false, rows: verifier.rows, broken };
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.seq;
    }
    const broken = verifier.end();
    if (broken) return { ok: false, rows: verifier.rows, broken };
    return { ok: true, rows: verifier.rows, ...(verifier.head ? { head: verifier.head } : {}) };
  }

  /**
   * Deletes the rows older than `days` days and appends a checkpoint naming the last one deleted
   * (its seq and hash), all in one transaction: the row after it still links to that hash, and the
   * checkpoint vouches for it. The delete trigger lets it through only while the permit is there.
   */
  async prune(days: number): Promise<{ pruned: number }> {
    const cutoff = new Date(this.now().getTime() - days * DAY_MS).toISOString();
    return this.db.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).where('at', '<', cutoff).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      if (!last) return { pruned: 0 };
      const first = await trx.selectFrom('audit_log').select('seq').orderBy('seq').limit(1).executeTakeFirstOrThrow();
      await trx.insertInto('audit_prune_permit').values({ upto: last.seq }).execute();
      const deleted = await trx.deleteFrom('audit_log').where('seq', '<=', last.seq).executeTakeFirst();
      await trx.deleteFrom('audit_prune_permit').execute();
      const pruned = Number(deleted.numDeletedRows);
      await this.appendIn(trx, {
        actor: { kind: 'system', name: 'retention' },
        action: PRUNE_ACTION,
        resource: { type: 'audit' },
        after: { upto: last.seq, hash: last.hash, from: first.seq, count: pruned, olderThan: cutoff, days },
      }, last);
      return { pruned };
    });
  }
}

/** `%` and `_` in a filter are literal (the LIKE has ESCAPE '\'). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
