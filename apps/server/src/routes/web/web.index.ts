import { Hono } from 'hono';
import { fileURLToPath } from 'node:url';
import type { AppEnv } from '../../http/app-env.js';
import { acceptsGzip, compressible, findStaticFile, gzipped } from './web.static.js';

/** Where `pnpm --filter @stumpfworks/web build` writes the app. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));

/**
 * The browser app (apps/web/dist) at `/`. The API stays under /api/v1: unknown API paths are
 * JSON 404s, never the app's index.html.
 */
export function webRouter(webDir: string = DEFAULT_WEB_DIR): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  router.get('*', async (c) => {
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/')) return c.notFound();
    const file = await findStaticFile(webDir, path);
    if (!file) {
      if (path === '/' || path === '/index.html') {
        return c.text('The web app is not built yet: run `pnpm --filter @stumpfworks/web build`.', 503);
      }
      return c.notFound();
    }
    c.header('content-type', file.type);
    c.header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (!compressible(file)) return c.body(file.body as Uint8Array<ArrayBuffer>);
    // The app is about 2 MB of scripts (elkjs alone 1.5 MB), a quarter of that gzipped: over a
    // NAS's Wi-Fi that is the first load's wait.
    c.header('vary', 'Accept-Encoding');
    if (!acceptsGzip(c.req.header('accept-encoding'))) return c.body(file.body as Uint8Array<ArrayBuffer>);
    c.header('content-encoding', 'gzip');
    return c.body((await gzipped(file)) as Uint8Array<ArrayBuffer>);
  });
  return router;
}
