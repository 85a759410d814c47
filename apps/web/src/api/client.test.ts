import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, createApi, type ClientTexts } from './client.js';
import { currentSession, endSession, startSession } from './session.js';

const texts = (): ClientTexts => ({ language: 'en' });

/** A fetch that records each request and answers `answer`. */
function fakeServer(answer: (request: Request) => Response) {
  const requests: Request[] = [];
  const fetch = async (input: Request) => {
    requests.push(input);
    return answer(input);
  };
  return { requests, api: createApi(texts, { origin: 'http://pbx.test', fetch: fetch as typeof globalThis.fetch }) };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the API client', () => {
  beforeEach(() => startSession({ name: 'anna', role: 'editor', csrfToken: 'csrf-1', mustChangePassword: false }));
  afterEach(() => endSession());

  it('sends the UI language and no token (the cookie goes by itself), and resolves with the typed answer', async () => {
    const server = fakeServer(() => json(200, [{ id: 'musterfirma', name: 'M', publishedVersion: null, updatedAt: 'now' }]));
    const { data } = await server.api.client.GET('/flows');
    expect(data?.map((f) => f.id)).toEqual(['musterfirma']);
    expect(server.requests[0]!.url).toBe('http://pbx.test/api/v1/flows');
    expect(server.requests[0]!.headers.get('authorization')).toBeNull();
    expect(server.requests[0]!.headers.get('x-csrf-token')).toBeNull(); // a read needs none
    expect(server.requests[0]!.headers.get('accept-language')).toBe('en');
  });

  it("sends the session's CSRF token with a write", async () => {
    const server = fakeServer(() => json(201, {}));
    await server.api.client.POST('/flows', { body: { id: 'x' } as never });
    expect(server.requests[0]!.headers.get('x-csrf-token')).toBe('csrf-1');
  });

  it("rejects a 422 with an ApiError holding the server's code, message, issues and details", async () => {
    const server = fakeServer(() =>
      json(422, { error: { code: 'validation', message: 'invalid extension', issues: [{ path: 'voicemail.pin', message: 'digits only' }], diagnostics: ['d'] } }),
    );
    const error = await server.api.client.POST('/extensions', { body: { id: '1000', name: 'x' } as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'validation', message: 'invalid extension', issues: [{ path: 'voicemail.pin', message: 'digits only' }], details: { diagnostics: ['d'] } });
  });

  it('ends the session after a 401 (the login page shows), and not after a 403', async () => {
    const server = fakeServer((request) => (request.url.endsWith('/queues') ? json(401, { error: { code: 'unauthorized', message: 'unauthorized' } }) : json(403, { error: { code: 'forbidden', message: 'not allowed' } })));
    await expect(server.api.client.GET('/flows')).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    expect(typeof currentSession()).toBe('object');
    await expect(server.api.client.GET('/queues')).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(currentSession()).toBe('out');
  });

  it('reads a body that is not JSON as a bad response with the HTTP status', async () => {
    const server = fakeServer(() => new Response('<html>proxy error</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(server.api.client.GET('/flows')).rejects.toMatchObject({ status: 502, code: 'bad-response' });
  });
});
