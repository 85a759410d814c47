import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../../http/openapi.js';
import { CanvasTrafficQuery, CanvasTrafficSchema, TrafficParams, TrafficQuery, TrafficSchema } from './traffic.schema.js';
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

export const canvasTraffic = createRoute({ ...allow('editor'),
  method: 'get',
  path: '/flows/{id}/traffic/canvas',
  tags: ['Flows'],
  description:
    "Traffic of one flow version for the canvas, in a time range: per node the visits, distinct calls, calls that ended there (drop-off; live calls are asked from Asterisk) and calls there now; per edge the steps taken along it (from consecutive visits of one call), their share of the range's calls and the keys pressed. Counts belong to the version they were taken on. Visits are kept 7 days (at most 200,000).",
  request: { params: TrafficParams, query: CanvasTrafficQuery },
  responses: { 200: jsonResponse(CanvasTrafficSchema, 'Counts per node and per edge'), ...errorResponses(404, 422) },
});
