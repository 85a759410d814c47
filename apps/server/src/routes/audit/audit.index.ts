import type { AuditLog } from '../../audit/audit-log.js';
import type { AuditRow } from '../../audit/chain.js';
import { say } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import * as routes from './audit.routes.js';

/** A side's JSON; text that does not parse (someone edited the file) is shown as it is, and verify names the row. */
function parsed(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A stored row as the API shows it. */
function entryOf(row: AuditRow) {
  return {
    seq: row.seq,
    at: row.at,
    actor: { kind: row.actor_kind, name: row.actor_name, role: row.actor_role, userId: row.actor_user_id, via: row.actor_via },
    address: row.address,
    action: row.action,
    resource: { type: row.resource_type, id: row.resource_id },
    outcome: row.outcome,
    before: parsed(row.before),
    after: parsed(row.after),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** GET /audit and GET /audit/verify (admin). */
export function auditRouter(audit: AuditLog) {
  const router = createRouter();
  router.openapi(routes.listAudit, async (c) => {
    const { total, entries } = await audit.list(c.req.valid('query'));
    return c.json({ total, entries: entries.map(entryOf) }, 200);
  });
  router.openapi(routes.verifyAudit, async (c) => {
    const result = await audit.verify();
    if (result.ok) return c.json(result, 200);
    return c.json({ ok: false, rows: result.rows, broken: { seq: result.broken.seq, reason: say(result.broken.reason) } }, 200);
  });
  return router;
}
