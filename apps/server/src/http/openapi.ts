import { OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError, formatPath } from '../errors.js';
import type { AppEnv } from './app-env.js';
import { say } from './language.js';

export const IssueSchema = z.object({ path: z.string(), message: z.string() }).openapi('Issue');

/** The one JSON shape of every error answer. */
export const ErrorSchema = z
  .object({
    error: z
      .object({
        code: z.string().openapi({ example: 'validation' }),
        message: z.string(),
        issues: z.array(IssueSchema).optional(),
      })
      .passthrough(),
  })
  .openapi('Error');

const DESCRIPTIONS = {
  400: 'The body does not parse as its Content-Type says (e.g. not valid JSON)',
  401: 'Missing or invalid bearer token',
  403: 'Not allowed: the caller\'s role is below the one the route needs (`x-role`), a cookie-authenticated write lacks its X-CSRF-Token, a one-time password must be changed first, or the action is refused (e.g. deleting an emergency route); `reason` says which of the first three',
  404: 'Not found',
  409: 'Conflict',
  413: 'The body is larger than allowed: 1 MB, prompt audio 20 MB, a backup to restore 64 GB (`maxBytes` says which)',
  422: 'Invalid input; `issues` lists each field path',
  429: 'Too many failed authentications from this address; `Retry-After` (and `retryAfterSeconds`) says when to try again',
  502: 'Asterisk refused the configuration; the previous one was restored',
  503: 'Asterisk is not reachable',
} as const;

type ErrorStatus = keyof typeof DESCRIPTIONS;

/**
 * OpenAPI response entries for the given error statuses. 401, 403 (roles, CSRF) and 429 (the
 * per-address limit on failed authentications) are always included; with 422 (where input is
 * parsed) also 400 and 413.
 */
export function errorResponses<const S extends Exclude<ErrorStatus, 400 | 413 | 429>>(...statuses: S[]) {
  const parsed = statuses.includes(422 as S) ? [400, 413] : [];
  const all = [...new Set([...parsed, 401, 403, 429, ...statuses])].sort() as ErrorStatus[];
  return Object.fromEntries(
    all.map((s) => [s, { description: DESCRIPTIONS[s], content: { 'application/json': { schema: ErrorSchema } } }]),
  ) as Record<401 | 403 | 429 | S, { description: string; content: { 'application/json': { schema: typeof ErrorSchema } } }>;
}

export function jsonBody<T extends z.ZodType>(schema: T, description = 'JSON body') {
  return { content: { 'application/json': { schema } }, description, required: true };
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description };
}

/** A router whose request validation failures become 422 with field paths. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
        throw new AppError('validation', say({ de: 'Die Anfrage ist nicht gültig', en: 'the request is not valid' }), { issues });
      }
      return undefined;
    },
  });
}
