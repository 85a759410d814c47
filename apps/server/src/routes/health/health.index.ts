import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../http/app-env.js';
import { createRouter, errorResponses, jsonResponse } from '../../http/openapi.js';
import { RuntimeAppSchema, RuntimeHealthSchema, RuntimeOrOffSchema } from './health.schema.js';
import { allow } from '../../auth/roles.js';

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    asterisk: z.enum(['up', 'down']),
    /** What Asterisk has of the ARI runtime's Stasis apps (see RuntimeState); `off` without a runtime. */
    runtime: RuntimeOrOffSchema,
    /** Each Stasis app: registered to this server or not, and since when; empty without a runtime. */
    apps: z.array(RuntimeAppSchema),
    /** When this server process (or its last in-process restart) started: a page waiting for a restart sees it change. */
    startedAt: z.string(),
  })
  .openapi('Health');

export const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Health'],
  security: [],
  responses: { 200: jsonResponse(HealthSchema, 'The server runs; whether Asterisk answers, and whether Asterisk has the ARI runtime\'s apps registered to it') },
});

export const runtime = createRoute({
  ...allow('operator'),
  method: 'get',
  path: '/runtime',
  tags: ['Health'],
  description: "The ARI runtime's Stasis apps as Asterisk has them (the dashboard shows it).",
  responses: { 200: jsonResponse(RuntimeHealthSchema, 'Per app: registered or not, and since when; `off` without a runtime'), ...errorResponses() },
});

/** GET /health, without auth: the plugin manifest's health check (200 while the server runs). */
export function healthRouter(deps: Pick<AppDeps, 'asteriskUp' | 'runtime'>) {
  const router = new OpenAPIHono<AppEnv>();
  // Each start builds a new app (server.ts), so this is the start's time.
  const startedAt = new Date().toISOString();
  router.openapi(health, async (c) => {
    const now = deps.runtime?.();
    return c.json(
      { status: 'ok' as const, asterisk: (await deps.asteriskUp()) ? ('up' as const) : ('down' as const), runtime: now?.state ?? ('off' as const), apps: now?.apps ?? [], startedAt },
      200,
    );
  });
  return router;
}

/** GET /api/v1/runtime: the same per-app truth for the dashboard, behind the API's auth. */
export function runtimeRouter(deps: Pick<AppDeps, 'runtime'>) {
  const router = createRouter();
  router.openapi(runtime, (c) => c.json(deps.runtime?.() ?? { state: 'off' as const, apps: [] }, 200));
  return router;
}
