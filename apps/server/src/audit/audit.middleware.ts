import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AuthLimits } from '../auth/authenticate.middleware.js';
import type { Actor } from '../auth/roles.js';
import type { AppEnv } from '../http/app-env.js';
import type { AuditActor, AuditLog } from './audit-log.js';

/**
 * What a handler or the `before` middleware adds to a request's audit row (the Hono context's
 * `audit`): the login names the person trying (there is no actor yet), and a change's state
 * before it.
 */
export interface AuditNote {
  actor?: AuditActor;
  before?: unknown;
}

export interface AuditDeps {
  audit: AuditLog;
  limits: AuthLimits;
  /** The API's mount point, `/api/v1`. */
  prefix: string;
  /** Runs a request through the whole app: the state before a change is read as the API shows it. */
  fetch: (request: Request) => Promise<Response>;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Methods whose path names an existing resource, so that a GET of the same path reads it before. */
const CHANGES_EXISTING = new Set(['PUT', 'PATCH', 'DELETE']);

/** The auditor's actor for the request's actor. */
export function auditActor(actor: Actor): AuditActor {
  return {
    kind: actor.kind,
    name: actor.name,
    role: actor.role,
    ...(actor.userId ? { userId: actor.userId } : {}),
    via: actor.session ? `session:${actor.session.idHash.slice(0, 12)}` : 'bearer',
  };
}

/** The matched route as the spec writes it (`/flows/{id}`), and its parameters' values in order. */
function routeOf(c: Context<AppEnv>, prefix: string): { template: string; params: string[] } | undefined {
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  const handler = matchedRoutes(c).find((r) => r.method === method && r.path.startsWith(`${prefix}/`) && !r.path.endsWith('*'));
  if (!handler) return undefined;
  const pattern = handler.path.slice(prefix.length).split('/');
  const actual = c.req.path.slice(prefix.length).split('/');
  const params = pattern.flatMap((segment, i) => (segment.startsWith(':') ? [decodeURIComponent(actual[i] ?? '')] : []));
  return { template: pattern.map((s) => (s.startsWith(':') ? `{${s.slice(1)}}` : s)).join('/'), params };
}

/** The resource a request acts on: the path's first segment, and its parameters (or a created resource's id). */
function resourceOf(route: { template: string; params: string[] }, after: unknown): { type: string; id?: string } {
  const [, type = '', ...rest] = route.template.split('/');
  const created = after && typeof after === 'object' && 'id' in after && typeof after.id === 'string' ? after.id : undefined;
  const id = route.params.length > 0 ? route.params.join('/') : (created ?? (rest.length > 0 ? rest.join('/') : undefined));
  return { type, ...(id !== undefined ? { id } : {}) };
}

/** The JSON of the answer the client gets (read from a copy, so the client still gets it whole). */
async function jsonOf(response: Response): Promise<unknown> {
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return undefined;
  return response.clone().json();
}

/** The before-reads this module makes: never themselves recorded. */
const internal = new WeakSet<Request>();

/** Whether a request is one of the audit's own before-reads (a route that records reads itself skips those). */
export function isAuditRead(request: Request): boolean {
  return internal.has(request);
}

/**
 * The two audit middlewares of the API.
 *
 * `outcome` goes first (before authentication) and records, after the request:
 * - every write of an authenticated actor (any status: the outcome is in the row), with its
 *   resource's state before (from `before`) and after (the answer's JSON), secrets masked;
 * - every 403 of an authenticated actor (a role refused, a read included);
 * - the login (success and failure), and a bearer token that failed. A stranger's failures are
 *   bounded by the failure limiter: while their address is refused (429) nothing is recorded, and
 *   the failure that reaches the limit adds one `auth.limited` row; so at most limit + 1 rows per
 *   address and window. A request without any credential (an expired cookie) is no attempt.
 *
 * `before` goes after the role check: for PUT, PATCH and DELETE it reads the resource with a GET
 * of the same path through the whole app (as the caller: what they may see, with what the API
 * never returns in clear left out already). That is generic over every resource and cheap: one
 * in-process request and an indexed read. A resource without a GET of its own (a user) is found
 * in its collection's GET by id; a path with neither has no before.
 */
export function auditMiddlewares(deps: AuditDeps): { outcome: MiddlewareHandler<AppEnv>; before: MiddlewareHandler<AppEnv> } {

  const outcome: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (internal.has(c.req.raw)) return next();
    const address = deps.limits.addressOf(c);
    const refusedBefore = deps.limits.limiter.retryAfterSeconds(address) > 0;
    await next();
    const status = c.res.status;
    const route = routeOf(c, deps.prefix);
    const action = `${c.req.method} ${route?.template ?? c.req.path.slice(deps.prefix.length)}`;
    const note = c.get('audit');
    const actor = c.get('actor') as Actor | undefined;
    try {
      if (status === 401 || status === 429) {
        if (refusedBefore) return;
        const attempt = note?.actor ?? (c.req.header('authorization') !== undefined ? { kind: 'token' as const, name: '(unknown token)' } : undefined);
        if (attempt) await deps.audit.append({ actor: attempt, address, action, resource: { type: route ? resourceOf(route, undefined).type : 'auth' }, outcome: status });
        if (deps.limits.limiter.retryAfterSeconds(address) > 0) {
          const { limit, windowMs } = deps.limits.limiter;
          await deps.audit.append({ actor: { kind: 'anonymous', name: '' }, address, action: 'auth.limited', resource: { type: 'auth' }, outcome: 429, after: { limit, windowSeconds: windowMs / 1000 } });
        }
        return;
      }
      const who = actor ? auditActor(actor) : note?.actor;
      if (!who || !route || (READS.has(c.req.method) && status !== 403)) return;
      const after = status < 300 && c.req.method !== 'DELETE' ? await jsonOf(c.res) : undefined;
      await deps.audit.append({
        actor: who,
        address,
        action,
        resource: resourceOf(route, after),
        outcome: status,
        before: note?.before,
        after,
      });
    } catch (error) {
      // The request has happened; its answer stands. The log says the row is missing.
      console.error(`[audit] could not record ${action} (${status}): ${(error as Error).message}`);
    }
  };

  const before: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (CHANGES_EXISTING.has(c.req.method) && !c.req.path.startsWith(`${deps.prefix}/auth/`)) {
      const url = new URL(c.req.url);
      url.search = '';
      const headers = new Headers();
      for (const name of ['authorization', 'cookie']) {
        const value = c.req.header(name);
        if (value !== undefined) headers.set(name, value);
      }
      const before = (await readJson(url, headers)) ?? (await fromCollection(url, headers));
      if (before !== undefined) c.set('audit', { ...c.get('audit'), before });
    }
    return next();
  };

  /** A GET through the app as the caller; its JSON when it answers 2xx with JSON. */
  async function readJson(url: URL, headers: Headers): Promise<unknown> {
    const read = new Request(url, { headers });
    internal.add(read);
    const response = await deps.fetch(read);
    if (response.ok && (response.headers.get('content-type') ?? '').includes('application/json')) return response.json();
    // Not JSON (a prompt's audio) or refused: its body is not wanted, and a file behind it is let go now.
    await response.body?.cancel();
    return undefined;
  }

  /** A resource without a GET of its own (users): the element of its collection with that id. */
  async function fromCollection(url: URL, headers: Headers): Promise<unknown> {
    const slash = url.pathname.lastIndexOf('/');
    const id = decodeURIComponent(url.pathname.slice(slash + 1));
    const list = await readJson(new URL(url.pathname.slice(0, slash), url), headers);
    return Array.isArray(list) ? list.find((item: unknown) => item !== null && typeof item === 'object' && 'id' in item && item.id === id) : undefined;
  }

  return { outcome, before };
}
