import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../../http/openapi.js';
import { TrafficParams, TrafficQuery, TrafficSchema } from './traffic.schema.js';
import { allow } from '../../auth/roles.js';

export const traffic = createRoute({ ...allow('editor'),
  method: 'get',
  path: '/flows/{id}/traffic',
  tags: ['Flows'],
  description:
    'Live traffic of a flow for the canvas: node visits of calls in both engines (dialplan and ARI) over the last `minutes`, per node, and the latest visits. Visits are kept 7 days.',
  request: { params: TrafficParams, query: TrafficQuery },
  responses: { 200: jsonResponse(TrafficSchema, 'Visits per node and the latest visits'), ...errorResponses(404, 422) },
});
