import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonResponse } from '../../http/openapi.js';
import { CallSchema, ChannelParams, OriginateSchema, StatusSchema } from './calls.schema.js';
import { allow } from '../../auth/roles.js';

const tags = ['Calls'];

export const list = createRoute({ ...allow('operator'),
  method: 'get',
  path: '/calls',
  tags,
  description: 'Active channels (ARI GET /channels). An operator does not see callers waiting in queues not given to them.',
  responses: { 200: jsonResponse(z.array(CallSchema), 'Active channels'), ...errorResponses(503) },
});
export const hangup = createRoute({ ...allow('operator'),
  method: 'post',
  path: '/calls/{channel}/hangup',
  tags,
  description: 'Hangs the channel up. An operator may not hang up a caller waiting in a queue not given to them (403).',
  request: { params: ChannelParams },
  responses: { 204: { description: 'Hung up' }, ...errorResponses(404, 422, 503) },
});
export const originate = createRoute({ ...allow('operator'),
  method: 'post',
  path: '/calls/originate',
  tags,
  description: "Rings the extension's phone; when answered, dials the number from stumpfworks-internal.",
  request: { body: jsonBody(OriginateSchema) },
  responses: { 201: jsonResponse(z.object({ channelId: z.string() }), 'Ringing'), ...errorResponses(404, 422, 503) },
});
export const status = createRoute({ ...allow('operator'),
  method: 'get',
  path: '/status',
  tags,
  description: 'Registration and in-use state of every extension and trunk.',
  responses: { 200: jsonResponse(StatusSchema, 'State per endpoint'), ...errorResponses(503) },
});
