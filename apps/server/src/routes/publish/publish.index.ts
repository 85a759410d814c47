import type { AppDeps } from '../../app.js';
import type { PublishRow } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import { createRouter } from '../../http/openapi.js';
import { getPublish, listPublishes } from '../../publish/publishes.repository.js';
import * as routes from './publish.routes.js';

function out(row: PublishRow) {
  return {
    id: row.id,
    seq: row.seq,
    actor: row.actor,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    flowVersions: JSON.parse(row.flow_versions) as Record<string, number>,
    changedFiles: JSON.parse(row.changed_files) as string[],
    outcome: row.outcome,
    reason: row.reason,
    diff: JSON.parse(row.diff) as Record<string, string>,
  };
}

/** POST /publish and the publish history. */
export function publishRouter({ db, publisher }: Pick<AppDeps, 'db' | 'publisher'>) {
  const router = createRouter();
  router.openapi(routes.publish, async (c) => c.json(await publisher.publish(c.get('actor')), 200));
  router.openapi(routes.list, async (c) => c.json((await listPublishes(db)).map(out), 200));
  router.openapi(routes.get, async (c) => {
    const row = await getPublish(db, c.req.valid('param').id);
    if (!row) throw new AppError('not-found', 'no such publish');
    return c.json(out(row), 200);
  });
  return router;
}
