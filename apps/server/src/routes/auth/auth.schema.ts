import { z } from '@hono/zod-openapi';
import { ROLES } from '../../auth/roles.js';

export const RoleSchema = z.enum(ROLES).openapi('Role', { description: 'operator < editor < admin; each may do what the one before it may' });

export const UsernameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" and "-", starting with a letter or digit, at most 64')
  .transform((name) => name.toLowerCase())
  .openapi({ example: 'empfang' });

/** At least 10 characters (no composition rules: length is what counts), at most 200. */
export const NewPasswordSchema = z.string().min(10).max(200);

export const UserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    role: RoleSchema,
    mustChangePassword: z.boolean().openapi({ description: 'The password is a one-time password (set by an admin or at first start): only PUT /auth/password is allowed until it is changed' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('User');

export const LoginSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }).openapi('Login');

export const SessionSchema = z
  .object({
    kind: z.enum(['user', 'token', 'nas']).openapi({ description: 'A person with a session, or a bearer token (ours or the NAS\'s)' }),
    name: z.string(),
    role: RoleSchema,
    user: UserSchema.optional(),
    csrfToken: z.string().optional().openapi({ description: 'For a session: send it as X-CSRF-Token with every write' }),
    expiresAt: z.string().optional().openapi({ description: 'For a session: when it ends unless used before (8 h idle, 7 days at most)' }),
  })
  .openapi('Session');

export const PasswordChangeSchema = z.object({ currentPassword: z.string().min(1).max(200), newPassword: NewPasswordSchema }).openapi('PasswordChange');
