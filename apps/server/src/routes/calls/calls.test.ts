import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing.js';

describe('/calls, /status and /publish without an Asterisk (real server)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  it.each([
    ['GET', '/calls'],
    ['GET', '/status'],
    ['POST', '/publish'],
  ])('%s %s answers 503 with the JSON error shape', async (method, path) => {
    const response = await t.api(path, { method });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'asterisk-unavailable' } });
  });

  it('checks the originate body before anything else', async () => {
    const response = await t.api('/calls/originate', { method: 'POST', json: { extension: 'x', number: '' } });
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { issues: Array<{ path: string }> } };
    expect(error.issues.map((i) => i.path).sort()).toEqual(['extension', 'number']);
  });
});
