import { createRoute } from '@hono/zod-openapi';
import { allow } from '../../auth/roles.js';
import { errorResponses, jsonResponse } from '../../http/openapi.js';
import { AuditPageSchema, AuditQuery, AuditVerifySchema } from './audit.schema.js';

const tags = ['Audit'];

export const listAudit = createRoute({
  ...allow('admin'),
  method: 'get',
  path: '/audit',
  tags,
  description:
    'The audit log, newest first: every change through the API, logins and their failures, refused requests (403), publishes, rollbacks, backups, restores and bans, with who, when, from where, and the resource before and after (secrets masked). Filters combine.',
  request: { query: AuditQuery },
  responses: { 200: jsonResponse(AuditPageSchema, 'One page and the total that matches'), ...errorResponses(422) },
});

export const verifyAudit = createRoute({
  ...allow('admin'),
  method: 'get',
  path: '/audit/verify',
  tags,
  description:
    'Checks the hash chain from the first row to the last: `ok`, or the first row that was changed, removed or inserted (`broken`, with the reason). Rows a retention prune removed are vouched for by its checkpoint row.',
  responses: { 200: jsonResponse(AuditVerifySchema, 'The verdict'), ...errorResponses() },
});
