import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    ['GET', '/live'],
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

  it.each([['1001;1'], ['${EXTEN}'], ['+4930'], [''], ['1'.repeat(33)]])('refuses the transfer target %j with 422 on `to`, in German and English', async (to) => {
    for (const [language, text] of [['de', 'Nur Ziffern'], ['en', 'digits only']] as const) {
      const response = await t.api('/calls/some-channel/transfer', { method: 'POST', json: { to }, headers: { 'accept-language': language } });
      expect(response.status).toBe(422);
      const { error } = (await response.json()) as { error: { issues: Array<{ path: string; message: string }> } };
      expect(error.issues).toEqual([{ path: 'to', message: expect.stringContaining(text) }]);
    }
  });
});

describe('/calls, /status and /publish while the configured Asterisk does not answer (real server)', () => {
  let t: TestServer;
  let dir: string;
  let silent: Server;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swf-down-'));
    // A port that accepts connections and closes them at once: ARI's requests fail without an answer.
    silent = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const state = join(dir, 'connection.json');
    writeFileSync(
      state,
      JSON.stringify({ ariUrl: `http://127.0.0.1:${port}/ari`, ariUser: 'u', ariPassword: 'p', amiHost: '127.0.0.1', amiPort: port, amiUser: 'u', amiSecret: 's', sipHost: '127.0.0.1', sipPort: 5999, confDir: dir }),
    );
    t = await startTestServer({ ASTERISK_STATE_FILE: state }, { ariRuntime: false });
  });
  afterAll(async () => {
    await t.stop();
    await new Promise((resolve) => silent.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['GET', '/calls', undefined],
    ['POST', '/calls/some-channel/hangup', undefined],
    ['GET', '/status', undefined],
    ['POST', '/publish', undefined],
  ])('%s %s answers 503 asterisk-unavailable, in the caller\'s language', async (method, path) => {
    const response = await t.api(path, { method, headers: { 'accept-language': 'de' } });
    expect(response.status).toBe(503);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('asterisk-unavailable');
    expect(error.message).toMatch(/Asterisk/);
    expect(error.message).not.toMatch(/internal|Interner Fehler/i);
  });
});
