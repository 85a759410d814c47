import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/app-env.js';
import { DOCS_PAGE } from './docs.page.js';

/** GET /api/v1/docs: the self-hosted API reference page. */
export function docsRouter() {
  const router = new OpenAPIHono<AppEnv>();
  router.get('/docs', (c) => {
    c.header('content-security-policy', "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'");
    return c.html(DOCS_PAGE);
  });
  return router;
}
