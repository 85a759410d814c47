/** The server's REST API, with the admin token the user gave once (kept in localStorage). */
const TOKEN_KEY = 'stumpfworks.adminToken';

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

export function storedToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

/** The texts the client shows itself, in the UI language, and that language (the server answers in it). */
export interface ClientTexts {
  /** Sent as `Accept-Language` on every call, so the server's messages match the UI. */
  language: 'de' | 'en';
  /** The question for the token. */
  ask: string;
  /** The reason when none was given. */
  missing: string;
}

/** The token, asking the user for it the first time. */
function token(texts: () => ClientTexts): string {
  const known = storedToken();
  if (known) return known;
  const given = window.prompt(texts().ask)?.trim();
  if (!given) throw new ApiError(401, 'no-token', texts().missing);
  localStorage.setItem(TOKEN_KEY, given);
  return given;
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  /** `headers` e.g. If-Match on a flow save. */
  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  /** Raw body (e.g. a WAV upload) with its content type. */
  upload<T>(path: string, body: Blob, contentType: string): Promise<T>;
  /** A binary resource (e.g. prompt audio) as a Blob. */
  blob(path: string): Promise<Blob>;
}

/**
 * A client for /api/v1 relative to the page (the server serves the app at `/`). `texts` is read
 * when needed, so one client serves every UI language and asks the server for the current one.
 */
export function apiClient(texts: () => ClientTexts): ApiClient {
  async function call<T>(method: string, path: string, body?: unknown, raw?: { body: Blob; type: string }, extra: Record<string, string> = {}): Promise<T> {
    const response = await fetch(`/api/v1${path}`, {
      method,
      headers: {
        ...extra,
        authorization: `Bearer ${token(texts)}`,
        'accept-language': texts().language,
        ...(raw ? { 'content-type': raw.type } : body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(raw ? { body: raw.body } : body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (response.status === 401) localStorage.removeItem(TOKEN_KEY);
    if (!response.ok) {
      const payload = (await response.json().catch((error: Error) => ({ error: { code: 'bad-response', message: error.message } }))) as {
        error?: { code?: string; message?: string; issues?: { path: string; message: string }[] } & Record<string, unknown>;
      };
      const { code, message, issues, ...details } = payload.error ?? {};
      throw new ApiError(response.status, code ?? 'http', message ?? response.statusText, Array.isArray(issues) ? issues : [], details);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
  return {
    get: (path) => call('GET', path),
    send: (method, path, body, headers) => call(method, path, body, undefined, headers),
    upload: (path, body, type) => call('PUT', path, undefined, { body, type }),
    blob: async (path) => {
      const response = await fetch(`/api/v1${path}`, { headers: { authorization: `Bearer ${token(texts)}`, 'accept-language': texts().language } });
      if (!response.ok) throw new ApiError(response.status, 'http', response.statusText);
      return response.blob();
    },
  };
}

export interface FlowSummary {
  id: string;
  name: string;
  publishedVersion: number | null;
  updatedAt: string;
  /** Counts every write of the draft: sent back as If-Match with a save. */
  revision: number;
}

export interface FlowVersion {
  version: number;
  createdAt: string;
  createdBy: string;
  rollbackOf: number | null;
  published: boolean;
  /** Frozen for a publish that was refused; never released. */
  refused: boolean;
}

export interface PublishResult {
  id: string;
  outcome: 'applied' | 'unchanged';
  changedFiles: string[];
  reloadedModules: string[];
  flowVersions: Record<string, number>;
  diff: Record<string, string>;
}

/** POST /publish/preview: what a publish would change, per file. */
export interface PublishPreview {
  changedFiles: string[];
  flowVersions: Record<string, number>;
  diff: Record<string, string>;
}

/** POST /flows/{id}/publish: the new version, released and live. */
export interface FlowPublishResult {
  version: FlowVersion;
  publish: PublishResult;
}
