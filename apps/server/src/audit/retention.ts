import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { Retention } from '../settings/retention.js';
import type { AuditLog } from './audit-log.js';
import { auditSection } from './audit.settings.js';

/** Prunes the audit log to its retention (settings section `audit`) now and then once a day. */
export class AuditRetention extends Retention<typeof auditSection.schema> {
  constructor(deps: { db: Kysely<Database>; audit: AuditLog; log: (line: string) => void; everyMs?: number }) {
    super({
      ...deps,
      tag: 'audit',
      section: auditSection,
      prune: async (days) => {
        const { pruned } = await deps.audit.prune(days);
        return pruned > 0 ? `pruned ${pruned} rows older than ${days} days (a checkpoint keeps the chain verifiable)` : undefined;
      },
    });
  }
}
