import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../../http/openapi.js';
import { PublishIdParams, PublishPreviewRequestSchema, PublishPreviewSchema, PublishRecordSchema, PublishResultSchema } from './publish.schema.js';
import { allow } from '../../auth/roles.js';

const tags = ['Publish'];

export const publish = createRoute({ ...allow('editor'),
  method: 'post',
  path: '/publish',
  tags,
  description:
    'Compiles every published flow and all resources into the generated Asterisk files, writes the changed ones atomically, reloads their modules, checks the live state and rolls back on any failure.',
  responses: { 200: jsonResponse(PublishResultSchema, 'Applied (or nothing changed)'), ...errorResponses(422, 502, 503) },
});

export const preview = createRoute({ ...allow('editor'),
  method: 'post',
  path: '/publish/preview',
  tags,
  description:
    'A dry run: compiles the full configuration exactly like POST /publish (with the given drafts as if they were released), validates it and answers with the files that would change and their unified diff. Writes nothing, reloads nothing, records no publish.',
  request: { body: { content: { 'application/json': { schema: PublishPreviewRequestSchema } }, description: 'Optional drafts', required: false } },
  responses: { 200: jsonResponse(PublishPreviewSchema, 'What a publish would change'), ...errorResponses(422, 503) },
});

export const list = createRoute({ ...allow('editor'),
  method: 'get',
  path: '/publishes',
  tags,
  responses: { 200: jsonResponse(z.array(PublishRecordSchema), 'The last 50 publishes, newest first'), ...errorResponses() },
});

export const get = createRoute({ ...allow('editor'),
  method: 'get',
  path: '/publishes/{id}',
  tags,
  request: { params: PublishIdParams },
  responses: { 200: jsonResponse(PublishRecordSchema, 'One publish'), ...errorResponses(404, 422) },
});
