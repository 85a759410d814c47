/**
 * Who may do what. Three roles, each allowed what the one below it is, and more:
 * - operator: the dashboard, live calls, queues and voicemail (reads, and acting on live calls);
 * - editor: also flows, prompts and publish;
 * - admin: everything (extensions, trunks, routes, settings, security, users, tokens).
 *
 * Every API route declares the least role it needs in its OpenAPI definition (`...allow('editor')`
 * next to `createRoute`), so the spec documents it and auth/role.middleware.ts enforces it from
 * the same place; a route that declares none is admin-only.
 */
export const ROLES = ['operator', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The OpenAPI extension that carries a route's role (and a public route's `public`). */
export const ROLE_EXTENSION = 'x-role';

/** Whether `role` may use a route that needs `needed`. */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Spread into a `createRoute` config: the least role the route needs. */
export function allow(role: Role) {
  return { [ROLE_EXTENSION]: role } as { 'x-role': Role };
}

/**
 * Spread into a `createRoute` config of a route anyone may call (the login): no token, no role.
 * `security: []` tells the spec's readers (and the auth sweep test) that it is open.
 */
export function open() {
  return { [ROLE_EXTENSION]: 'public', security: [] } as { 'x-role': 'public'; security: [] };
}

/**
 * Who made a request (on the Hono context as `actor`), for the role checks and, later, the audit
 * log: a person by session, or a token (ours or the NAS's) by its name, and where it came from.
 */
export interface Actor {
  kind: 'user' | 'token' | 'nas';
  /** The user name, or the token's name (`admin` for the admin token, `nas:<user>` for the NAS). */
  name: string;
  role: Role;
  /** The client address (clientAddress: the proxy-aware peer, IPv6 as its /64). */
  address: string;
  /** For a person: their id and the session's; a session also has the CSRF token writes must carry. */
  userId?: string;
  session?: { idHash: string; csrfToken: string; mustChangePassword: boolean };
}
