import { AppError } from '../errors.js';
import { say } from '../http/language.js';

/** The few ARI calls the server needs. */
export interface Ari {
  /** True when ARI answers our credentials. */
  ping(): Promise<boolean>;
  /** `PUT /asterisk/modules/<module>` (synchronous reload; 204 when done). */
  reloadModule(module: string): Promise<void>;
  /** The resource names of every endpoint of a technology (`GET /endpoints/<tech>`): one request. */
  endpointNames(tech: string): Promise<Set<string>>;
  /** Any other ARI call: status and parsed JSON body (undefined when empty). */
  request(method: string, path: string, query?: Record<string, string>): Promise<{ status: number; body: unknown }>;
}

/** ARI over fetch with basic auth. */
export function createAri(opts: { url: string; user: string; password: string; timeoutMs?: number }): Ari {
  const auth = `Basic ${Buffer.from(`${opts.user}:${opts.password}`).toString('base64')}`;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  // A request without an answer (refused, closed, timed out) is a 503 for the API, in the caller's language.
  const call = (method: string, path: string) =>
    fetch(`${opts.url}${path}`, { method, headers: { authorization: auth }, signal: AbortSignal.timeout(timeoutMs) }).catch((error: unknown) => {
      const why = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : describeFetchError(error);
      throw new AriUnreachable(
        say({ de: `Asterisk (ARI) ist nicht erreichbar (${method} ${path}: ${why})`, en: `Asterisk (ARI) is not reachable (${method} ${path}: ${why})` }),
      );
    });
  return {
    async ping() {
      try {
        return (await call('GET', '/asterisk/ping')).ok;
      } catch (error) {
        if (!(error instanceof AriUnreachable)) throw error;
        return false;
      }
    },
    async reloadModule(module) {
      const response = await call('PUT', `/asterisk/modules/${encodeURIComponent(module)}`);
      if (response.status !== 204) {
        throw new AppError('publish-failed', `reloading ${module} failed: ARI answered ${response.status} ${await response.text()}`);
      }
    },
    async request(method, path, query) {
      const search = query ? `?${new URLSearchParams(query).toString()}` : '';
      const response = await call(method, `${path}${search}`);
      const text = await response.text();
      let body: unknown = undefined;
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch (error) {
          body = { message: text, parseError: (error as Error).message };
        }
      }
      return { status: response.status, body };
    },
    async endpointNames(tech) {
      const response = await call('GET', `/endpoints/${encodeURIComponent(tech)}`);
      // Asterisk answers 404 "invalid tech" for a technology that has no endpoint (yet): none live.
      if (response.status === 404) return new Set<string>();
      if (!response.ok) throw new AppError('asterisk-unavailable', `ARI endpoints ${tech}: ${response.status}`);
      return new Set(((await response.json()) as Array<{ resource: string }>).map((e) => e.resource));
    },
  };
}

/** ARI gave no answer at all. */
class AriUnreachable extends AppError {
  constructor(message: string) {
    super('asterisk-unavailable', message);
  }
}

/** fetch's own message is "fetch failed"; the cause says why (ECONNREFUSED, other side closed, ...). */
function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
