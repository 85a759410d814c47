import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuditTable } from '../db/tables.js';

/**
 * The audit log's hash chain, pure: each row's hash is SHA-256 over a canonical encoding of its
 * fields and the previous row's hash, so changing, inserting or removing a row breaks every later
 * link. The first row ever follows GENESIS. A retention prune removes the oldest rows and then
 * appends a checkpoint (action PRUNE_ACTION, `after` = {upto, hash}) naming the last removed row;
 * the first row left is verified against it.
 */

export type AuditRow = Selectable<AuditTable>;
export type AuditFields = Omit<AuditRow, 'hash'>;

export const GENESIS = '0'.repeat(64);
export const PRUNE_ACTION = 'audit.pruned';

/** The fields in a fixed order, as one JSON array: no separator or key order can be ambiguous. */
export function canonical(row: AuditFields): string {
  return JSON.stringify([
    row.seq, row.at, row.actor_kind, row.actor_name, row.actor_role, row.actor_user_id, row.actor_via, row.address,
    row.action, row.resource_type, row.resource_id, row.outcome, row.before, row.after, row.prev_hash,
  ]);
}

export function rowHash(row: AuditFields): string {
  return createHash('sha256').update(canonical(row)).digest('hex');
}

/** Why a row breaks the chain (German and English; the API says it in the caller's language). */
export interface Break {
  seq: number;
  reason: { de: string; en: string };
}

/** What a checkpoint says: the rows up to `upto` were pruned, the last of them had `hash`. */
export function checkpointOf(row: AuditRow): { upto: number; hash: string } | undefined {
  if (row.action !== PRUNE_ACTION || row.after === null) return undefined;
  try {
    const after = JSON.parse(row.after) as { upto?: unknown; hash?: unknown };
    return typeof after.upto === 'number' && typeof after.hash === 'string' ? { upto: after.upto, hash: after.hash } : undefined;
  } catch {
    return undefined; // not a checkpoint then; its own hash still says whether it was changed
  }
}

/**
 * Checks the rows in seq order, fed one at a time (the table is read in pages). `feed` answers
 * the first break it finds; `end` answers a break of the first row that only the end can tell: it
 * follows a pruned row, and no checkpoint names that row.
 */
export class ChainVerifier {
  private last: AuditRow | undefined;
  /** The first row's link to a pruned row, until a checkpoint vouches for it. */
  private unvouched: { seq: number; upto: number; hash: string } | undefined;
  rows = 0;

  feed(row: AuditRow): Break | undefined {
    this.rows++;
    if (rowHash(row) !== row.hash) {
      return this.unvouchedBreak() ?? { seq: row.seq, reason: { de: `Eintrag ${row.seq} wurde verändert: Sein Hash passt nicht zu seinem Inhalt`, en: `row ${row.seq} was changed: its hash does not match its content` } };
    }
    const previous = this.last;
    this.last = row;
    if (!previous) {
      if (row.seq !== 1 || row.prev_hash !== GENESIS) this.unvouched = { seq: row.seq, upto: row.seq - 1, hash: row.prev_hash };
    } else if (row.seq !== previous.seq + 1) {
      return this.unvouchedBreak() ?? { seq: row.seq, reason: { de: `Vor Eintrag ${row.seq} fehlen Einträge (der vorige ist ${previous.seq})`, en: `rows before row ${row.seq} are missing (the one before is ${previous.seq})` } };
    } else if (row.prev_hash !== previous.hash) {
      return this.unvouchedBreak() ?? { seq: row.seq, reason: { de: `Eintrag ${row.seq} folgt nicht auf Eintrag ${previous.seq}: Der Hash des Vorgängers passt nicht`, en: `row ${row.seq} does not follow row ${previous.seq}: the previous hash does not match` } };
    }
    const checkpoint = checkpointOf(row);
    if (checkpoint && this.unvouched && checkpoint.upto === this.unvouched.upto && checkpoint.hash === this.unvouched.hash) this.unvouched = undefined;
    return undefined;
  }

  end(): Break | undefined {
    return this.unvouchedBreak();
  }

  /** The head of the chain so far (the last row checked). */
  get head(): { seq: number; hash: string } | undefined {
    return this.last ? { seq: this.last.seq, hash: this.last.hash } : undefined;
  }

  private unvouchedBreak(): Break | undefined {
    if (!this.unvouched) return undefined;
    const { seq, upto } = this.unvouched;
    return {
      seq,
      reason: {
        de: `Die Einträge vor ${seq} fehlen, und kein Kontrollpunkt einer Aufbewahrungs-Bereinigung nennt Eintrag ${upto}`,
        en: `the rows before ${seq} are gone, and no checkpoint of a retention prune names row ${upto}`,
      },
    };
  }
}
