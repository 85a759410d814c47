import type { TestServer } from '../testing.js';

/** A person logged in to a test server: the session cookie and CSRF token a browser would hold. */
export interface SessionClient {
  cookie: string;
  csrfToken: string;
  /** The login's answer. */
  session: { role: string; name: string; user?: { id: string; mustChangePassword: boolean } };
  /** fetch against /api/v1 with the cookie (and the CSRF token on writes unless `csrf: false`). */
  api(path: string, init?: RequestInit & { json?: unknown; csrf?: boolean }): Promise<Response>;
}

/** POST /auth/login; throws with the server's answer unless it is 200. For tests. */
export async function logIn(t: TestServer, username: string, password: string): Promise<SessionClient> {
  const response = await fetch(`${t.server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login as ${username}: HTTP ${response.status} ${await response.text()}`);
  const cookie = /^([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error(`login as ${username}: no cookie`);
  const session = (await response.json()) as SessionClient['session'] & { csrfToken: string };
  return {
    cookie,
    csrfToken: session.csrfToken,
    session,
    api(path, init = {}) {
      const { json, csrf = true, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('cookie', cookie);
      const method = (rest.method ?? 'GET').toUpperCase();
      if (csrf && method !== 'GET' && method !== 'HEAD') headers.set('x-csrf-token', session.csrfToken);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${t.server.url}/api/v1${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
    },
  };
}
