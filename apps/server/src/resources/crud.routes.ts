import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { inScope, refuseOutside, type Scope, type ScopeKind } from '../auth/operator-scope.js';
import { allow, type Actor, type Role } from '../auth/roles.js';
import type { Database } from '../db/tables.js';
import { AppError } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/openapi.js';
import { existsAlready, idCannotChange, noSuch } from './resource-names.js';
import {
  deleteResource,
  getResource,
  insertResource,
  listBodies,
  updateResource,
  type ResourceKind,
} from './resources.repository.js';

/** How one resource kind is exposed as CRUD under `/<path>`. */
export interface CrudSpec<In extends z.ZodType, Body extends { id: string }> {
  kind: ResourceKind;
  /** URL segment, e.g. `extensions`. */
  path: string;
  tag: string;
  /** The request body: validated, 422 with field paths when not. */
  input: In;
  /** The body of PUT when it differs from `input` (e.g. a secret that may be left out to keep it); it must parse to the same shape. */
  replaceInput?: In;
  /** The stored (and answered) shape. */
  output: z.ZodType<Body>;
  /** Turns valid input into the stored body (defaults, generated secrets); may throw AppError. */
  prepare: (input: z.infer<In>, db: Kysely<Database>, existing?: Body) => Promise<Body> | Body;
  /**
   * How a stored body is shown on reads and replaces, e.g. with its secrets masked. The answer to
   * POST is the one place a generated secret is shown in full: once.
   */
  present?: (body: Body) => Body;
  /**
   * The least role that may read the list and one resource (default editor: the flow editor's
   * pickers list them; secrets are masked by `present`). Writes are admin's.
   */
  readRole?: Role;
  /** Limits the reads to what the actor is given (operators and their queues, auth/operator-scope.ts): the list is filtered, one outside it is 403. */
  readScope?: { kind: ScopeKind; of: (db: Kysely<Database>, actor: Actor) => Promise<Scope> };
  /** Refuses a delete by throwing AppError (e.g. emergency routes). */
  beforeDelete?: (id: string, db: Kysely<Database>) => Promise<void> | void;
}

const IdParams = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) });

/** List, read, create, replace and delete routes for one resource kind. */
export function crudRouter<In extends z.ZodType, Body extends { id: string }>(
  db: Kysely<Database>,
  spec: CrudSpec<In, Body>,
): OpenAPIHono<AppEnv> {
  const router = createRouter();
  const base = `/${spec.path}`;
  const item = `${base}/{id}`;
  const tags = [spec.tag];
  const outputList = z.array(spec.output);
  const present = spec.present ?? ((body: Body) => body);
  const read = allow(spec.readRole ?? 'editor');
  const write = allow('admin');

  router.openapi(
    createRoute({ ...read, method: 'get', path: base, tags, responses: { 200: jsonResponse(outputList, `All ${spec.path}`), ...errorResponses() } }),
    async (c) => {
      const bodies = await listBodies<Body>(db, spec.kind);
      const scope = spec.readScope ? await spec.readScope.of(db, c.get('actor')) : undefined;
      const visible = scope ? bodies.filter((b) => inScope(scope, b.id)) : bodies;
      return c.json(visible.map(present) as never, 200);
    },
  );

  router.openapi(
    createRoute({
      ...read,
      method: 'get',
      path: item,
      tags,
      request: { params: IdParams },
      responses: { 200: jsonResponse(spec.output, 'The resource'), ...errorResponses(404, 422) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const row = await getResource<Body>(db, spec.kind, id);
      if (!row) throw new AppError('not-found', noSuch(spec.kind, id));
      // After the 404: the role walk (roles.test.ts) keeps 403 for roles only; a queue's name is no secret.
      if (spec.readScope) refuseOutside(spec.readScope.kind, id, await spec.readScope.of(db, c.get('actor')));
      return c.json(present(row.body) as never, 200);
    },
  );

  router.openapi(
    createRoute({
      ...write,
      method: 'post',
      path: base,
      tags,
      request: { body: jsonBody(spec.input) },
      responses: { 201: jsonResponse(spec.output, 'Created'), ...errorResponses(409, 422) },
    }),
    async (c) => {
      const input = c.req.valid('json' as never) as z.infer<In>;
      const body = await spec.prepare(input, db);
      if (!(await insertResource(db, spec.kind, body.id, body))) {
        throw new AppError('conflict', existsAlready(spec.kind, body.id));
      }
      return c.json(body as never, 201);
    },
  );

  router.openapi(
    createRoute({
      ...write,
      method: 'put',
      path: item,
      tags,
      request: { params: IdParams, body: jsonBody(spec.replaceInput ?? spec.input) },
      responses: { 200: jsonResponse(spec.output, 'Replaced'), ...errorResponses(404, 422) },
    }),
    async (c) => {
      const id = c.req.param('id') as string;
      const input = c.req.valid('json' as never) as z.infer<In>;
      const existing = await getResource<Body>(db, spec.kind, id);
      if (!existing) throw new AppError('not-found', noSuch(spec.kind, id));
      const body = await spec.prepare(input, db, existing.body);
      if (body.id !== id) {
        const { message, issues } = idCannotChange(id);
        throw new AppError('validation', message, { issues });
      }
      await updateResource(db, spec.kind, id, body);
      return c.json(present(body) as never, 200);
    },
  );

  router.openapi(
    createRoute({
      ...write,
      method: 'delete',
      path: item,
      tags,
      request: { params: IdParams },
      responses: { 204: { description: 'Deleted' }, ...errorResponses(403, 404, 422) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await spec.beforeDelete?.(id, db);
      if (!(await deleteResource(db, spec.kind, id))) throw new AppError('not-found', noSuch(spec.kind, id));
      return c.body(null, 204);
    },
  );
  return router;
}
