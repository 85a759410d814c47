import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../../auth/roles.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../http/app-env.js';
import { say } from '../../http/language.js';
import { createRouter, errorResponses, jsonResponse } from '../../http/openapi.js';

export const restart = createRoute({
  ...allow('admin'),
  method: 'post',
  path: '/restart',
  tags: ['Backups'],
  summary: 'Restart the server in-process',
  description:
    'Closes everything (HTTP, ARI runtime, database) once this answer is sent and starts again on the same port, putting a staged restore (POST /backups/restore) in place first. Sessions of the restored database are the ones that count afterwards. Wait for GET /health to answer with a new `startedAt`. 503 when the server runs without its restart loop (started by a test or embedded).',
  responses: { 202: jsonResponse(z.object({ restarting: z.literal(true) }).openapi('Restarting'), 'The restart begins once this answer is sent'), ...errorResponses(422, 503) },
});

/** POST /restart: hands the request to the restart loop (instance/restart-loop.ts). */
export function restartRouter({ restart: requestRestart }: Pick<AppDeps, 'restart'>) {
  const router = createRouter();
  router.openapi(restart, (c) => {
    if (!requestRestart) {
      throw new AppError(
        'restart-unavailable',
        say({ de: 'Dieser Server läuft ohne seine Neustart-Schleife (von einem Test oder eingebettet gestartet): bitte von Hand neu starten', en: 'this server runs without its restart loop (started by a test or embedded): restart it by hand' }),
      );
    }
    requestRestart();
    return c.json({ restarting: true as const }, 202);
  });
  return router;
}
