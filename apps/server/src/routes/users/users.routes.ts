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
