import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../../http/openapi.js';
import { BanParams, BansSchema, LiftSchema, SecurityEventSchema, SecurityEventsQuery } from './security.schema.js';
import { allow } from '../../auth/roles.js';

const tags = ['Security'];

export const listBans = createRoute({ ...allow('admin'),
  method: 'get',
  path: '/security/bans',
  tags,
  description:
    'Addresses the SIP brute-force guard has banned: active bans, and ended or lifted ones until every enforcement has let them go (Asterisk reloaded its ACL, the kernel set replaced). The rules are the `security` settings; `enforcement` says how bans are enforced here.',
  responses: { 200: jsonResponse(BansSchema, 'The bans, oldest first'), ...errorResponses() },
});

export const liftBan = createRoute({ ...allow('admin'),
  method: 'delete',
  path: '/security/bans/{address}',
  tags,
  description:
    "Lifts a ban at once: the address is forgotten (its failures and earlier bans too), and Asterisk's ACL is reloaded and the kernel's set replaced without it before the answer.",
  request: { params: BanParams },
  responses: { 200: jsonResponse(LiftSchema, 'Lifted'), ...errorResponses(404, 422) },
});

export const securityEvents = createRoute({ ...allow('admin'),
  method: 'get',
  path: '/security/events',
  tags,
  description: "The latest SIP security events Asterisk reported (failed and successful authentications, kept in memory, at most 200) and what the guard made of each.",
  request: { query: SecurityEventsQuery },
  responses: { 200: jsonResponse(z.array(SecurityEventSchema), 'Newest first'), ...errorResponses(422) },
});
