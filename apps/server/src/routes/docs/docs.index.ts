import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/app-env.js';
import { DOCS_PAGE, DOCS_SCRIPT, DOCS_STYLE } from './docs.page.js';

/** GET /api/v1/docs: the self-hosted API reference page, with its script and styles as files of their own. */
export function docsRouter() {
  const router = new OpenAPIHono<AppEnv>();
  router.get('/docs', (c) => c.html(DOCS_PAGE));
  router.get('/docs/reference.js', (c) => c.body(DOCS_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }));
  router.get('/docs/reference.css', (c) => c.body(DOCS_STYLE, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' }));
  return router;
}
