import type { TypedResponse } from 'hono';
import type { AppDeps } from '../../http/app-env.js';
import type { PublishRow } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import { say } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import { maskSecrets } from '../../publish/diff.js';
import type { PublishResult } from '../../publish/publisher.js';
import { getPublish, listPublishes } from '../../publish/publishes.repository.js';
import { parseOrThrow } from '../flows/flows.handlers.js';
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
    // Masked again on the way out: records written before secrets were masked hold them in clear.
    diff: Object.fromEntries(Object.entries(JSON.parse(row.diff) as Record<string, string>).map(([file, text]) => [file, maskSecrets(text)])),
  };
}

/** POST /publish and the publish history. */
export function publishRouter({ db, publisher }: Pick<AppDeps, 'db' | 'publisher'>) {
  const router = createRouter();
  router.openapi(routes.publish, async (c) => {
    const { json } = await publisher.publish(c.get('actor').name);
    // The publisher's JSON (its diff encoded once, while Asterisk reloaded), typed as c.json(result) would be.
    return c.body(json, 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<PublishResult, 200, 'json'>;
  });
  router.openapi(routes.preview, async (c) => {
    // The body is optional: no body (or no content type) previews the released flows only.
    const body = c.req.header('content-type')?.includes('application/json') ? c.req.valid('json') : {};
    const drafts = (body.flows ?? []).map((document, i) => {
      try {
        return parseOrThrow(document);
      } catch (error) {
        if (error instanceof AppError) {
          throw new AppError('validation', say({ de: `flows[${i}] ist kein gültiges Ablauf-Dokument`, en: `flows[${i}] is not a valid flow document` }), {
            issues: (error.details?.issues ?? []).map((x) => ({ path: `flows[${i}].${x.path}`, message: x.message })),
          });
        }
        throw error;
      }
    });
    const ids = drafts.map((f) => f.id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) {
      const message = say({ de: `Der Ablauf „${twice}“ ist doppelt angegeben`, en: `flow "${twice}" is given twice` });
      throw new AppError('validation', message, { issues: [{ path: 'flows', message }] });
    }
    return c.json(await publisher.preview(drafts), 200);
  });
  router.openapi(routes.list, async (c) => c.json((await listPublishes(db)).map(out), 200));
  router.openapi(routes.get, async (c) => {
    const row = await getPublish(db, c.req.valid('param').id);
    if (!row) throw new AppError('not-found', say({ de: 'Diese Veröffentlichung gibt es nicht', en: 'no such publish' }));
    return c.json(out(row), 200);
  });
  return router;
}
