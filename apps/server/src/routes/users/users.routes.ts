import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../../auth/roles.js';
import { errorResponses, jsonBody, jsonResponse } from '../../http/openapi.js';
import { NewPasswordSchema, RoleSchema, UsernameSchema, UserSchema } from '../auth/auth.schema.js';

const tags = ['Users'];
const UserParams = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) });

export const NewUserSchema = z
  .object({
    username: UsernameSchema,
    role: RoleSchema,
    password: NewPasswordSchema.openapi({ description: 'A one-time password: the user must set their own at the first login' }),
  })
  .openapi('NewUser');

export const UserUpdateSchema = z
  .object({
    role: RoleSchema.optional(),
    password: NewPasswordSchema.optional().openapi({ description: 'Resets the password to this one-time password and ends the user\'s sessions' }),
  })
  .openapi('UserUpdate');

export const listUsers = createRoute({
  ...allow('admin'),
  method: 'get',
  path: '/users',
  tags,
  responses: { 200: jsonResponse(z.array(UserSchema), 'Every user, by name'), ...errorResponses() },
});

export const createUser = createRoute({
  ...allow('admin'),
  method: 'post',
  path: '/users',
  tags,
  request: { body: jsonBody(NewUserSchema) },
  responses: { 201: jsonResponse(UserSchema, 'Created'), ...errorResponses(409, 422) },
});

export const updateUser = createRoute({
  ...allow('admin'),
  method: 'put',
  path: '/users/{id}',
  tags,
  description: 'Changes the role and/or resets the password (one-time). The last admin keeps the admin role (409).',
  request: { params: UserParams, body: jsonBody(UserUpdateSchema) },
  responses: { 200: jsonResponse(UserSchema, 'Changed'), ...errorResponses(404, 409, 422) },
});

export const deleteUser = createRoute({
  ...allow('admin'),
  method: 'delete',
  path: '/users/{id}',
  tags,
  description: 'Deletes the user and ends their sessions. Refused (409) for yourself and for the last admin.',
  request: { params: UserParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(404, 409, 422) },
});

const ScopeId = z.string().min(1).max(64);

export const AssignmentSchema = z
  .object({
    queues: z.array(ScopeId).max(500).openapi({ description: 'Queue ids the operator sees (the queue list and status, the calls waiting in them)' }),
    mailboxes: z.array(ScopeId).max(500).openapi({ description: 'Extension ids whose voicemail box the operator may use (extensions with voicemail on)' }),
  })
  .openapi('OperatorAssignment', { description: 'What an operator is given; editors and admins see every queue and mailbox regardless.' });

export const getAssignment = createRoute({
  ...allow('admin'),
  method: 'get',
  path: '/users/{id}/assignment',
  tags,
  description: 'The queues and mailboxes given to the user (they matter while the user is an operator).',
  request: { params: UserParams },
  responses: { 200: jsonResponse(AssignmentSchema, 'The assignment'), ...errorResponses(404, 422) },
});

export const putAssignment = createRoute({
  ...allow('admin'),
  method: 'put',
  path: '/users/{id}/assignment',
  tags,
  description: 'Replaces the queues and mailboxes given to the user. Every queue must exist, every mailbox be an extension with voicemail (422 with the field path).',
  request: { params: UserParams, body: jsonBody(AssignmentSchema) },
  responses: { 200: jsonResponse(AssignmentSchema, 'Stored'), ...errorResponses(404, 422) },
});
