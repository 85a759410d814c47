import type { AppDeps } from '../../http/app-env.js';
import type { FlowVersionRow } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import { say } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import { existsAlready, idCannotChange, noSuch } from '../../resources/resource-names.js';
import { listResources } from '../../resources/resources.repository.js';
import type { InboundRoute } from '../call-routes/call-routes.schema.js';
import { detail, diagnose, parseOrThrow, summary, throwOnErrors } from './flows.handlers.js';
import {
  appendVersion,
  createDraft,
  deleteFlow,
  getFlow,
  getVersion,
  listFlows,
  listVersions,
  refusedVersions,
  replaceDraft,
  saveDraft,
  unrelease,
} from '../../flows/flows.repository.js';
import { etagOf, ifMatches } from './flows.revision.js';
import * as routes from './flows.routes.js';

function versionOut(row: FlowVersionRow, published: number | null, refused: Set<number> = new Set()) {
  return {
    version: row.version,
    createdAt: row.created_at,
    createdBy: row.created_by,
    rollbackOf: row.rollback_of,
    published: row.version === published,
    refused: row.version !== published && refused.has(row.version),
  };
}

const noVersion = (id: string, version: number) =>
  say({ de: `Der Ablauf „${id}“ hat keine Version ${version}`, en: `flow "${id}" has no version ${version}` });

/** /flows: drafts, immutable versions, rollback, publishing one flow, import and export. */
export function flowsRouter({ db, publisher }: Pick<AppDeps, 'db' | 'publisher'>) {
  const router = createRouter();
  const mustGet = async (id: string) => {
    const row = await getFlow(db, id);
    if (!row) throw new AppError('not-found', noSuch('flow', id));
    return row;
  };

  router.openapi(routes.list, async (c) => c.json((await listFlows(db)).map(summary), 200));

  router.openapi(routes.create, async (c) => {
    const flow = parseOrThrow(c.req.valid('json'));
    // Insert or nothing: a flow created in the meantime under this id is never overwritten.
    if (!(await createDraft(db, flow))) {
      const hint = say({ de: `PUT /flows/${flow.id} ersetzt den Entwurf`, en: `PUT /flows/${flow.id} replaces its draft` });
      throw new AppError('conflict', `${existsAlready('flow', flow.id)}; ${hint}`);
    }
    const created = await mustGet(flow.id);
    c.header('etag', etagOf(created));
    return c.json(await detail(db, created), 201);
  });

  router.openapi(routes.importFlow, async (c) => {
    const flow = parseOrThrow(c.req.valid('json'));
    await saveDraft(db, flow);
    return c.json(await detail(db, await mustGet(flow.id)), 200);
  });

  router.openapi(routes.get, async (c) => {
    const row = await mustGet(c.req.valid('param').id);
    c.header('etag', etagOf(row));
    return c.json(await detail(db, row), 200);
  });

  router.openapi(routes.exportFlow, async (c) => {
    const row = await mustGet(c.req.valid('param').id);
    c.header('content-disposition', `attachment; filename="${row.id}.flow.json"`);
    return c.json(JSON.parse(row.draft) as Record<string, unknown>, 200);
  });

  router.openapi(routes.update, async (c) => {
    const { id } = c.req.valid('param');
    const before = await mustGet(id);
    const flow = parseOrThrow(c.req.valid('json'));
    // A body for another flow never overwrites this one (an editor that lost track of its flow).
    if (flow.id !== id) {
      const { message, issues } = idCannotChange(id);
      throw new AppError('conflict', message, { issues });
    }
    ifMatches(c.req.valid('header')['if-match'], before);
    // Written only while the draft is still the one checked: a write in between is refused too.
    if (!(await replaceDraft(db, flow, before.revision))) ifMatches(etagOf(before), await mustGet(id));
    const saved = await mustGet(id);
    c.header('etag', etagOf(saved));
    return c.json(await detail(db, saved), 200);
  });

  router.openapi(routes.remove, async (c) => {
    const { id } = c.req.valid('param');
    const inbound = await listResources<InboundRoute>(db, 'inbound-route');
    const users = inbound.filter((r) => r.body.target.type === 'flow' && r.body.target.id === id).map((r) => r.id);
    if (users.length > 0) {
      const list = users.join(', ');
      throw new AppError('conflict', say({ de: `Eingehende Routen verwenden diesen Ablauf: ${list}`, en: `inbound routes use this flow: ${list}` }));
    }
    if (!(await deleteFlow(db, id))) throw new AppError('not-found', noSuch('flow', id));
    return c.body(null, 204);
  });

  router.openapi(routes.publishVersion, async (c) => {
    const row = await mustGet(c.req.valid('param').id);
    const flow = parseOrThrow(JSON.parse(row.draft));
    throwOnErrors(await diagnose(db, flow));
    const version = await appendVersion(db, row.id, row.draft, c.get('actor').name, null);
    const created = await getVersion(db, row.id, version);
    return c.json(versionOut(created!, version), 201);
  });

  router.openapi(routes.versions, async (c) => {
    const row = await mustGet(c.req.valid('param').id);
    const refused = await refusedVersions(db, row.id);
    return c.json((await listVersions(db, row.id)).map((v) => versionOut(v, row.published_version, refused)), 200);
  });

  router.openapi(routes.version, async (c) => {
    const { id, version } = c.req.valid('param');
    const row = await getVersion(db, id, version);
    if (!row) throw new AppError('not-found', noVersion(id, version));
    return c.json(JSON.parse(row.document) as Record<string, unknown>, 200);
  });

  router.openapi(routes.rollback, async (c) => {
    const { id } = c.req.valid('param');
    const { version } = c.req.valid('json');
    await mustGet(id);
    const old = await getVersion(db, id, version);
    if (!old) throw new AppError('not-found', noVersion(id, version));
    const created = await appendVersion(db, id, old.document, c.get('actor').name, version);
    return c.json(versionOut((await getVersion(db, id, created))!, created), 201);
  });

  router.openapi(routes.publishFlow, async (c) => {
    const row = await mustGet(c.req.valid('param').id);
    ifMatches(c.req.valid('header')['if-match'], row);
    const body = c.req.header('content-type')?.includes('application/json') ? c.req.valid('json') : {};
    let document = row.draft;
    if (body.rollbackTo !== undefined) {
      const old = await getVersion(db, row.id, body.rollbackTo);
      if (!old) throw new AppError('not-found', noVersion(row.id, body.rollbackTo));
      document = old.document;
    }
    const flow = parseOrThrow(JSON.parse(document));
    throwOnErrors(await diagnose(db, flow));
    // The dry run first: a set that does not compile is refused before any version is frozen.
    await publisher.preview([flow]);
    const actor = c.get('actor').name;
    let refused: { version: number; before: number | null } | undefined;
    try {
      const { applied, result } = await publisher.publishChange(actor, {
        // Inside the publish queue: what was released before is read right before the new release.
        apply: async () => {
          const current = (await getFlow(db, row.id)) ?? row;
          const before = { publishedVersion: current.published_version, draft: current.draft, revision: current.revision };
          return { before, version: await appendVersion(db, row.id, document, actor, body.rollbackTo ?? null) };
        },
        revert: async ({ before, version }) => {
          refused = { version, before: before.publishedVersion };
          await unrelease(db, row.id, version, before);
        },
      });
      return c.json({ version: versionOut((await getVersion(db, row.id, applied.version))!, applied.version), publish: result }, 201);
    } catch (error) {
      if (!(error instanceof AppError) || !refused) throw error;
      const { version, before } = refused;
      const outcome =
        before === null
          ? say({ de: `Version ${version} wurde abgelehnt; vorher war keine Version veröffentlicht`, en: `version ${version} was refused; no version was released before` })
          : say({ de: `Version ${version} wurde abgelehnt; Version ${before} bleibt veröffentlicht`, en: `version ${version} was refused; version ${before} stays released` });
      throw new AppError(error.code, `${error.message} (${outcome})`, { ...error.details, refusedVersion: version });
    }
  });
  return router;
}
