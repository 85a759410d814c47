import { AppError } from '../errors.js';

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
  const call = (method: string, path: string) =>
    fetch(`${opts.url}${path}`, { method, headers: { authorization: auth }, signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
  return {
    async ping() {
      try {
        return (await call('GET', '/asterisk/ping')).ok;
      } catch (error) {
        if ((error as Error).name !== 'TimeoutError' && !(error instanceof TypeError)) throw error;
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
      if (!response.ok) throw new AppError('asterisk-unavailable', `ARI endpoints ${tech}: ${response.status}`);
      return new Set(((await response.json()) as Array<{ resource: string }>).map((e) => e.resource));
    },
  };
}
