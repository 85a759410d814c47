import { createRoute } from '@hono/zod-openapi';
import { allow, open } from '../../auth/roles.js';
import { errorResponses, jsonBody, jsonResponse } from '../../http/openapi.js';
import { LoginSchema, PasswordChangeSchema, SessionSchema } from './auth.schema.js';

const tags = ['Auth'];

export const login = createRoute({
  ...open(),
  method: 'post',
  path: '/auth/login',
  tags,
  description:
    'Logs a person in: sets the session cookie (httpOnly, SameSite=Strict, Secure over HTTPS and on loopback) and answers the session with its CSRF token. A wrong name or password is 401 and counts against the address like a wrong token (429 after the limit).',
  request: { body: jsonBody(LoginSchema) },
  responses: { 200: jsonResponse(SessionSchema, 'Logged in'), ...errorResponses(422) },
});

export const session = createRoute({
  ...allow('operator'),
  method: 'get',
  path: '/auth/session',
  tags,
  description: 'Who is calling (a person or a token) and their role; for a session also its CSRF token (a reloaded page gets it here).',
  responses: { 200: jsonResponse(SessionSchema, 'The caller'), ...errorResponses() },
});

export const logout = createRoute({
  ...allow('operator'),
  method: 'delete',
  path: '/auth/session',
  tags,
  description: 'Ends the session and clears its cookie (a token caller: nothing to end).',
  responses: { 204: { description: 'Logged out' }, ...errorResponses() },
});

export const changePassword = createRoute({
  ...allow('operator'),
  method: 'put',
  path: '/auth/password',
  tags,
  description: 'Sets the logged-in person\'s own password (the current one is asked again); ends their other sessions. Tokens have no password: 403.',
  request: { body: jsonBody(PasswordChangeSchema) },
  responses: { 204: { description: 'Changed' }, ...errorResponses(422) },
});
