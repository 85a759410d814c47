/** The server's REST API, with the admin token the user gave once (kept in localStorage). */
const TOKEN_KEY = 'stumpfworks.adminToken';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function storedToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

/** The token, asking the user for it the first time. */
function token(askText: string): string {
  const known = storedToken();
  if (known) return known;
  const given = window.prompt(askText)?.trim();
  if (!given) throw new ApiError(401, 'no-token', 'no admin token given');
  localStorage.setItem(TOKEN_KEY, given);
  return given;
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

/** A client for /api/v1 relative to the page (the server serves the app at `/`). */
export function apiClient(askText: string): ApiClient {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token(askText)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (response.status === 401) localStorage.removeItem(TOKEN_KEY);
    if (!response.ok) {
      const payload = (await response.json().catch((error: Error) => ({ error: { code: 'bad-response', message: error.message } }))) as {
        error?: { code?: string; message?: string };
      };
      throw new ApiError(response.status, payload.error?.code ?? 'http', payload.error?.message ?? response.statusText);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
  return { get: (path) => call('GET', path), send: (method, path, body) => call(method, path, body) };
}

export interface FlowSummary {
  id: string;
  name: string;
  publishedVersion: number | null;
  updatedAt: string;
}
