import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonResponse } from '../../http/openapi.js';
import { PublishResultSchema } from '../publish/publish.schema.js';
import {
  FlowDetailSchema,
  FlowDocumentSchema,
  FlowIdParams,
  FlowPublishRequestSchema,
  FlowRevisionHeaders,
  FlowSummarySchema,
  FlowVersionParams,
  FlowVersionSchema,
  RollbackSchema,
} from './flows.schema.js';
import { allow } from '../../auth/roles.js';

const tags = ['Flows'];

export const list = createRoute({ ...allow('editor'), method: 'get', path: '/flows', tags, responses: { 200: jsonResponse(z.array(FlowSummarySchema), 'All flows'), ...errorResponses() } });
export const create = createRoute({ ...allow('editor'),
  method: 'post',
  path: '/flows',
  tags,
  description: 'Creates a flow; an id that exists already is refused with 409 (never an overwrite). The answer carries the draft\'s `ETag`.',
  request: { body: jsonBody(FlowDocumentSchema) },
  responses: { 201: jsonResponse(FlowDetailSchema, 'Draft created'), ...errorResponses(409, 422) },
});
export const importFlow = createRoute({ ...allow('editor'),
  method: 'post',
  path: '/flows/import',
  tags,
  description: 'Creates the flow, or replaces the draft of the flow with the same id.',
  request: { body: jsonBody(FlowDocumentSchema) },
  responses: { 200: jsonResponse(FlowDetailSchema, 'Draft saved'), ...errorResponses(422) },
});
export const get = createRoute({ ...allow('editor'),
  method: 'get',
  path: '/flows/{id}',
  tags,
  description: 'The answer carries the draft\'s `ETag` (its `revision`), for If-Match on PUT and publish.',
  request: { params: FlowIdParams },
  responses: { 200: jsonResponse(FlowDetailSchema, 'The flow with its draft and diagnostics'), ...errorResponses(404, 422) },
});
export const exportFlow = createRoute({ ...allow('editor'),
  method: 'get',
  path: '/flows/{id}/export',
  tags,
  request: { params: FlowIdParams },
  responses: { 200: jsonResponse(FlowDocumentSchema, 'The draft as a flow document'), ...errorResponses(404, 422) },
});
export const update = createRoute({ ...allow('editor'),
  method: 'put',
  path: '/flows/{id}',
  tags,
  description:
    'Replaces the draft. Refused with 409 when the body\'s `id` is not the one in the URL, or when `If-Match` is given and the draft has been written since that revision (the error carries the current `revision`). The answer carries the new `ETag`.',
  request: { params: FlowIdParams, headers: FlowRevisionHeaders, body: jsonBody(FlowDocumentSchema) },
  responses: { 200: jsonResponse(FlowDetailSchema, 'Draft saved'), ...errorResponses(404, 409, 422) },
});
export const remove = createRoute({ ...allow('editor'),
  method: 'delete',
  path: '/flows/{id}',
  tags,
  request: { params: FlowIdParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(404, 409, 422) },
});
export const publishVersion = createRoute({ ...allow('editor'),
  method: 'post',
  path: '/flows/{id}/versions',
  tags,
  description:
    'Freezes the draft as a new immutable version and marks it published (the next POST /publish puts it live). POST /flows/{id}/publish does both in one step.',
  request: { params: FlowIdParams },
  responses: { 201: jsonResponse(FlowVersionSchema, 'The new version'), ...errorResponses(404, 422) },
});
export const versions = createRoute({ ...allow('editor'),
  method: 'get',
  path: '/flows/{id}/versions',
  tags,
  request: { params: FlowIdParams },
  responses: { 200: jsonResponse(z.array(FlowVersionSchema), 'History, newest first'), ...errorResponses(404, 422) },
});
export const version = createRoute({ ...allow('editor'),
  method: 'get',
  path: '/flows/{id}/versions/{version}',
  tags,
  request: { params: FlowVersionParams },
  responses: { 200: jsonResponse(FlowDocumentSchema, 'The document of that version'), ...errorResponses(404, 422) },
});
export const rollback = createRoute({ ...allow('editor'),
  method: 'post',
  path: '/flows/{id}/rollback',
  tags,
  description:
    'Releases a copy of an earlier version as a new version (history is never rewritten); the next POST /publish puts it live. POST /flows/{id}/publish with `rollbackTo` does both in one step.',
  request: { params: FlowIdParams, body: jsonBody(RollbackSchema) },
  responses: { 201: jsonResponse(FlowVersionSchema, 'The new version'), ...errorResponses(404, 422) },
});
export const publishFlow = createRoute({ ...allow('editor'),
  method: 'post',
  path: '/flows/{id}/publish',
  tags,
  description:
    'Publishes this flow in one step (with `If-Match`, only while the draft is still that revision, else 409): freezes the draft (or, with `rollbackTo`, a copy of an earlier version) as a new version and puts the whole configuration live like POST /publish. When the publish is refused, the new version stays in the history marked `refused`, the previously released version stays released and live, and the error names the reason and the `refusedVersion`.',
  request: {
    params: FlowIdParams,
    headers: FlowRevisionHeaders,
    body: { content: { 'application/json': { schema: FlowPublishRequestSchema } }, description: 'Optional: `rollbackTo`', required: false },
  },
  responses: {
    201: jsonResponse(z.object({ version: FlowVersionSchema, publish: PublishResultSchema }).openapi('FlowPublishResult'), 'The new version, released and live'),
    ...errorResponses(404, 409, 422, 502, 503),
  },
});
