import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../http/app-env.js';
import { jsonResponse } from '../../http/openapi.js';

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    asterisk: z.enum(['up', 'down']),
    /** The ARI runtime's event socket: `connecting` while Asterisk is down or does not answer it; `off` without a runtime. */
    runtime: z.enum(['connected', 'connecting', 'off']),
  })
  .openapi('Health');

export const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Health'],
  security: [],
  responses: { 200: jsonResponse(HealthSchema, 'The server runs; whether Asterisk answers, and whether the ARI runtime is connected') },
});

/** GET /health, without auth: the plugin manifest's health check. */
export function healthRouter(deps: Pick<AppDeps, 'asteriskUp' | 'runtimeState'>) {
  const router = new OpenAPIHono<AppEnv>();
  router.openapi(health, async (c) =>
    c.json({ status: 'ok' as const, asterisk: (await deps.asteriskUp()) ? ('up' as const) : ('down' as const), runtime: deps.runtimeState?.() ?? ('off' as const) }, 200),
  );
  return router;
}
