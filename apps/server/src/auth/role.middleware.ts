import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { AppError, errorBody } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { say } from '../http/language.js';
import { isRole, ROLE_EXTENSION, roleAllows, type Role } from './roles.js';

/** What a person with a one-time password may do: see who they are, set their own password, log out. */
const ONE_TIME_PASSWORD_ROUTES = new Set(['GET /auth/session', 'PUT /auth/password', 'DELETE /auth/session']);

const ROLE_NAMES: Record<Role, { de: string; en: string }> = {
  operator: { de: 'Operator', en: 'operator' },
  editor: { de: 'Editor', en: 'editor' },
  admin: { de: 'Admin', en: 'admin' },
};

/**
 * The role each operation of the spec needs, keyed `METHOD /api/v1/path/:param` as Hono routes
 * them, read from the routes' OpenAPI definitions (`x-role`, auth/roles.ts): the spec is the one
 * place a route's role is declared, and what it says is what is enforced.
 */
function rolesOf(api: OpenAPIHono<AppEnv>, prefix: string): Map<string, Role | 'public'> {
  const roles = new Map<string, Role | 'public'>();
  for (const definition of api.openAPIRegistry.definitions) {
    if (definition.type !== 'route') continue;
    const route = definition.route as { method: string; path: string; [ROLE_EXTENSION]?: unknown };
    const declared = route[ROLE_EXTENSION];
    const role = declared === 'public' || isRole(declared) ? declared : 'admin';
    roles.set(`${route.method.toUpperCase()} ${prefix}${route.path.replace(/\{([^}]+)\}/g, ':$1')}`, role);
  }
  // The spec itself describes only what exists: every role may read it.
  roles.set(`GET ${prefix}/openapi.json`, 'operator');
  return roles;
}

/**
 * After `authenticate`: refuses with 403 (in the caller's language) a request whose actor's role is
 * below the role its route declares. A route that declares none, or a path of the API that is not
 * in the spec, needs admin (fail closed). Runs before the route's validators, so a refused role
 * learns nothing from 422s.
 */
export function requireRoles(api: OpenAPIHono<AppEnv>, prefix: string): MiddlewareHandler<AppEnv> {
  let roles: Map<string, Role | 'public'> | undefined;
  return async (c, next) => {
    roles ??= rolesOf(api, prefix); // built at the first request: every route is registered by then
    const actor = c.get('actor');
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const handler = matchedRoutes(c).find((r) => r.method === method && r.path.startsWith(`${prefix}/`) && !r.path.endsWith('*'));
    if (!handler) return next(); // no such route: 404
    const needed = roles.get(`${method} ${handler.path}`) ?? 'admin';
    const operation = `${method} ${handler.path.slice(prefix.length).replace(/:([^/]+)/g, '{$1}')}`;
    if (actor.session?.mustChangePassword && !ONE_TIME_PASSWORD_ROUTES.has(operation)) {
      const refusal = new AppError(
        'forbidden',
        say({
          de: 'Bitte zuerst ein eigenes Passwort setzen (PUT /auth/password): Das jetzige ist ein Einmal-Passwort',
          en: 'please set a password of your own first (PUT /auth/password): this one is a one-time password',
        }),
        { reason: 'password-change-required' },
      );
      return c.json(errorBody(refusal), refusal.status);
    }
    if (needed === 'public' || roleAllows(actor.role, needed)) return next();
    const refusal = new AppError(
      'forbidden',
      say({
        de: `Keine Berechtigung: ${operation} braucht die Rolle ${ROLE_NAMES[needed].de} (angemeldet als ${actor.name}, Rolle ${ROLE_NAMES[actor.role].de})`,
        en: `not allowed: ${operation} needs the ${ROLE_NAMES[needed].en} role (signed in as ${actor.name}, role ${ROLE_NAMES[actor.role].en})`,
      }),
      { reason: 'role', needed, role: actor.role },
    );
    return c.json(errorBody(refusal), refusal.status);
  };
}
