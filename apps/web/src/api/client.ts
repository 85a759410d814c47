import createFetchClient, { type Client, type Middleware } from 'openapi-fetch';
import createQueryHooks, { type OpenapiQueryClient } from 'openapi-react-query';
import type { components, paths } from './schema.gen.js';
import { currentSession, endSession } from './session.js';

/**
 * The server's REST API (/api/v1), typed from its OpenAPI spec (schema.gen.ts, `pnpm gen:api`),
 * authenticated by the session cookie of the login (the browser sends it; no script can read it)
 * and the session's CSRF token on writes.
 */

/** The schemas of the server's spec by name, e.g. `Schema<'Extension'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export type FlowSummary = Schema<'FlowSummary'>;
export type FlowVersion = Schema<'FlowVersion'>;
export type PublishResult = Schema<'PublishResult'>;
/** POST /publish/preview: what a publish would change, per file. */
export type PublishPreview = Schema<'PublishPreview'>;
/** POST /flows/{id}/publish: the new version, released and live. */
export type FlowPublishResult = Schema<'FlowPublishResult'>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field-level problems of a 422 (`voicemail.pin`), or diagnostics of a refused flow. */
    readonly issues: { path: string; message: string }[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The UI language (the server answers in it). */
export interface ClientTexts {
  /** Sent as `Accept-Language` on every call, so the server's messages match the UI. */
  language: 'de' | 'en';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The server's error body (`{ error: { code, message, issues, ...details } }`) as an ApiError. */
async function errorOf(response: Response): Promise<ApiError> {
  const payload = (await response.json().catch((error: Error) => ({ error: { code: 'bad-response', message: error.message } }))) as {
    error?: { code?: string; message?: string; issues?: { path: string; message: string }[] } & Record<string, unknown>;
  };
  const { code, message, issues, ...details } = payload.error ?? {};
  return new ApiError(response.status, code ?? 'http', message ?? response.statusText, Array.isArray(issues) ? issues : [], details);
}

/**
 * Every call carries the UI language, and a write the session's CSRF token (the cookie goes by
 * itself: same origin); an answer that is not 2xx rejects the call with an ApiError (so `data` is
 * there whenever a call resolves, and TanStack Query sees errors). A 401 ends the session: the
 * login page shows.
 */
function sessionMiddleware(texts: () => ClientTexts): Middleware {
  return {
    onRequest({ request }) {
      const session = currentSession();
      if (!SAFE_METHODS.has(request.method) && typeof session === 'object') request.headers.set('x-csrf-token', session.csrfToken);
      request.headers.set('accept-language', texts().language);
      return request;
    },
    async onResponse({ response }) {
      if (response.status === 401) endSession();
      if (!response.ok) throw await errorOf(response);
      return undefined;
    },
  };
}

export interface Api {
  /** openapi-fetch over the spec's paths: `api.client.GET('/flows/{id}', { params: { path: { id } } })`. */
  client: Client<paths>;
  /** TanStack Query hooks over the same paths: `api.query.useQuery('get', '/calls')`; keys are `[method, path, init]`. */
  query: OpenapiQueryClient<paths>;
}

/**
 * A client for /api/v1 of the page's origin (the server serves the app at `/`). `texts` is read
 * when needed, so one client serves every UI language and asks the server for the current one.
 * `io` is the page's origin and fetch (a test gives its own).
 */
export function createApi(texts: () => ClientTexts, io: { origin: string; fetch?: typeof fetch } = { origin: window.location.origin }): Api {
  const client = createFetchClient<paths>({ baseUrl: `${io.origin}/api/v1`, ...(io.fetch ? { fetch: io.fetch } : {}) });
  client.use(sessionMiddleware(texts));
  return { client, query: createQueryHooks(client) };
}
