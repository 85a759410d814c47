import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../../auth/roles.js';
import { errorResponses, jsonBody, jsonResponse } from '../../http/openapi.js';
import { RoleSchema } from '../auth/auth.schema.js';

const tags = ['Tokens'];
const TokenParams = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) });

export const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: RoleSchema,
    createdAt: z.string(),
    createdBy: z.string().nullable().openapi({ description: 'Who made it; null for the admin token of the first start' }),
    lastUsedAt: z.string().nullable().openapi({ description: 'The minute of its last accepted use' }),
  })
  .openapi('Token');

export const NewTokenSchema = z
  .object({ name: z.string().trim().min(1).max(64).regex(/^[^\p{Cc}]+$/u, 'no control characters'), role: RoleSchema })
  .openapi('NewToken');

export const CreatedTokenSchema = TokenSchema.extend({
  token: z.string().openapi({ description: 'The token itself: shown this once, stored only as its sha256' }),
}).openapi('CreatedToken');

export const listTokens = createRoute({
  ...allow('admin'),
  method: 'get',
  path: '/tokens',
  tags,
  description: 'Every API token (the admin token among them) with its role and last use; never the tokens themselves.',
  responses: { 200: jsonResponse(z.array(TokenSchema), 'The tokens, oldest first'), ...errorResponses() },
});

export const createToken = createRoute({
  ...allow('admin'),
  method: 'post',
  path: '/tokens',
  tags,
  description: 'A new token for a script or the NAS, with the role it acts in. The answer is the one place the token is shown.',
  request: { body: jsonBody(NewTokenSchema) },
  responses: { 201: jsonResponse(CreatedTokenSchema, 'Created'), ...errorResponses(422) },
});

export const revokeToken = createRoute({
  ...allow('admin'),
  method: 'delete',
  path: '/tokens/{id}',
  tags,
  description: 'Revokes the token at once (the admin token too: its file then opens nothing).',
  request: { params: TokenParams },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(404, 422) },
});
