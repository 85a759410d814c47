import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../app.js';
import type { AppEnv } from '../../http/app-env.js';
import { jsonResponse } from '../../http/openapi.js';

const HealthSchema = z.object({ status: z.literal('ok'), asterisk: z.enum(['up', 'down']) }).openapi('Health');

export const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Health'],
  security: [],
  responses: { 200: jsonResponse(HealthSchema, 'The server runs; whether Asterisk answers') },
});

/** GET /health, without auth: the plugin manifest's health check. */
export function healthRouter(deps: Pick<AppDeps, 'asteriskUp'>) {
  const router = new OpenAPIHono<AppEnv>();
  router.openapi(health, async (c) => c.json({ status: 'ok' as const, asterisk: (await deps.asteriskUp()) ? ('up' as const) : ('down' as const) }, 200));
  return router;
}
