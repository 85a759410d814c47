import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonBody, jsonResponse } from '../../http/openapi.js';
import { CallSchema, ChannelParams, OriginateSchema, StatusSchema, TransferSchema } from './calls.schema.js';
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
  description: 'Hangs the channel up. An operator may not hang up a caller waiting in a queue not given to them, nor another channel of that call (403).',
  request: { params: ChannelParams },
  responses: { 204: { description: 'Hung up' }, ...errorResponses(404, 422, 503) },
});
export const transfer = createRoute({ ...allow('operator'),
  method: 'post',
  path: '/calls/{channel}/transfer',
  tags,
  description:
    "Blind transfer: sends the channel (the caller's: a LiveCall's `channel`) to `to` in stumpfworks-internal, so the call lands where a phone dialling `to` would (AMI Redirect; it leaves any bridge, and the other party's leg ends). 422 when `to` is not digits or nothing in the internal dialplan matches it. An operator may not transfer a caller waiting in a queue not given to them, nor another channel of that call (403).",
  request: { params: ChannelParams, body: jsonBody(TransferSchema) },
  responses: { 204: { description: 'Transferred' }, ...errorResponses(404, 422, 503) },
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
