import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../../auth/roles.js';
import { errorResponses } from '../../http/openapi.js';

export const live = createRoute({ ...allow('operator'),
  method: 'get',
  path: '/live',
  tags: ['Calls'],
  description: [
    'The live monitor as Server-Sent Events (text/event-stream): first `event: snapshot` (LiveSnapshot: the calls, extension registrations and trunk states,',
    'and `connected`: whether the server hears Asterisk), then `event: call` (a LiveCall that started or changed), `event: call-end` (`{"id"}`) and',
    '`event: endpoints` (LiveEndpoints), and a `: heartbeat` comment every 15 s. After Asterisk reconnects, or when a client reads too slowly, a new snapshot',
    'replaces what came before. The server ends a stream after 15 minutes; EventSource reconnects by itself (the session is checked again) and gets a fresh snapshot.',
    'An operator does not see calls waiting in queues not given to them.',
  ].join(' '),
  responses: {
    200: { description: 'The event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...errorResponses(503),
  },
});
