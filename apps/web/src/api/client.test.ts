import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApi, type ClientTexts } from './client.js';

const texts = (): ClientTexts => ({ language: 'en', ask: 'Token?', missing: 'no token given' });

/** The browser's storage and prompt, and a fetch that records each request and answers `answer`. */
function fakeBrowser(answer: (request: Request) => Response, token: string | null = 'tok') {
  const store = new Map<string, string>(token ? [['stumpfworks.adminToken', token]] : []);
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  });
  const prompt = vi.fn(() => 'given');
  vi.stubGlobal('window', { prompt });
  const requests: Request[] = [];
  const fetch = async (input: Request) => {
    requests.push(input);
    return answer(input);
  };
  return { store, prompt, requests, api: createApi(texts, { origin: 'http://pbx.test', fetch: fetch as typeof globalThis.fetch }) };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the API client', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('sends the token and the UI language, and resolves with the typed answer', async () => {
    const browser = fakeBrowser(() => json(200, [{ id: 'musterfirma', name: 'M', publishedVersion: null, updatedAt: 'now' }]));
    const { data } = await browser.api.client.GET('/flows');
    expect(data?.map((f) => f.id)).toEqual(['musterfirma']);
    expect(browser.requests[0]!.url).toBe('http://pbx.test/api/v1/flows');
    expect(browser.requests[0]!.headers.get('authorization')).toBe('Bearer tok');
    expect(browser.requests[0]!.headers.get('accept-language')).toBe('en');
    expect(browser.prompt).not.toHaveBeenCalled();
  });

  it("rejects a 422 with an ApiError holding the server's code, message, issues and details", async () => {
    const browser = fakeBrowser(() =>
      json(422, { error: { code: 'validation', message: 'invalid extension', issues: [{ path: 'voicemail.pin', message: 'digits only' }], diagnostics: ['d'] } }),
    );
    const error = await browser.api.client.POST('/extensions', { body: { id: '1000', name: 'x' } as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'validation', message: 'invalid extension', issues: [{ path: 'voicemail.pin', message: 'digits only' }], details: { diagnostics: ['d'] } });
  });

  it('asks for the token once, keeps it, and forgets it after a 401', async () => {
    const browser = fakeBrowser((request) => (request.url.endsWith('/queues') ? json(401, { error: { code: 'unauthorized', message: 'bad token' } }) : json(200, [])), null);
    await browser.api.client.GET('/flows');
    await browser.api.client.GET('/flows');
    expect(browser.prompt).toHaveBeenCalledTimes(1);
    expect(browser.requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer given', 'Bearer given']);
    await expect(browser.api.client.GET('/queues')).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(browser.store.has('stumpfworks.adminToken')).toBe(false);
  });

  it('sends nothing without a token when none is given', async () => {
    const browser = fakeBrowser(() => json(200, []), null);
    browser.prompt.mockReturnValue('  ');
    await expect(browser.api.client.GET('/flows')).rejects.toMatchObject({ status: 401, code: 'no-token', message: 'no token given' });
    expect(browser.requests).toEqual([]);
  });

  it('reads a body that is not JSON as a bad response with the HTTP status', async () => {
    const browser = fakeBrowser(() => new Response('<html>proxy error</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(browser.api.client.GET('/flows')).rejects.toMatchObject({ status: 502, code: 'bad-response' });
  });
});
