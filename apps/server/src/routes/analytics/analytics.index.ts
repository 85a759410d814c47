import type { Kysely } from 'kysely';
import { analyticsOf } from '../../analytics/analytics.js';
import type { Database } from '../../db/tables.js';
import { createRouter } from '../../http/openapi.js';
import { getAnalytics } from './analytics.routes.js';

/** GET /analytics: the figures of the analytics page. */
export function analyticsRouter(deps: { db: Kysely<Database> }) {
  const router = createRouter();
  router.openapi(getAnalytics, async (c) => c.json(await analyticsOf(deps.db, c.req.valid('query')), 200));
  return router;
}
