import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../env.js';
import { startTestServer } from '../testing.js';
import { serveWithRestarts, type ServerLoop } from './restart-loop.js';

describe('the in-process restart (real server, no Asterisk)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'swf-restart-loop-'));
  let loop: ServerLoop | undefined;
  afterAll(async () => {
    await loop?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts once for requests that overlap, on the same port, and keeps the data', async () => {
    const parsed = parseEnv({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ASTERISK_STATE_FILE: join(dataDir, 'no-asterisk.json') });
    if (!parsed.ok) throw new Error(parsed.message);
    const fatal: Error[] = [];
    const lines: string[] = [];
    loop = await serveWithRestarts(parsed.env, { log: (line) => lines.push(line), onFatal: (error) => fatal.push(error) });
    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    const { port, url } = loop.current();
    const post = () => fetch(`${url}/api/v1/restart`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const created = await fetch(`${url}/api/v1/extensions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ id: '1000', name: 'Anna' }) });
    expect(created.status).toBe(201);
    const answers = await Promise.all([post(), post()]);
    expect(answers.map((a) => a.status)).toEqual([202, 202]);
    await loop.settled();
    expect(fatal).toEqual([]);
    expect(lines.filter((l) => l === '[server] restarted')).toHaveLength(1);
    expect(loop.current().port).toBe(port);
    const after = await fetch(`${url}/api/v1/extensions/1000`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(200);
  });

  it('answers 503, in both languages, where no restart loop runs (a test server)', async () => {
    const t = await startTestServer();
    try {
      const en = await t.api('/restart', { method: 'POST' });
      expect(en.status).toBe(503);
      expect(await en.json()).toMatchObject({ error: { code: 'restart-unavailable', message: 'this server runs without its restart loop (started by a test or embedded): restart it by hand' } });
      const de = await t.api('/restart', { method: 'POST', headers: { 'accept-language': 'de' } });
      expect((await de.json()).error.message).toMatch(/^Dieser Server läuft ohne seine Neustart-Schleife/);
    } finally {
      await t.stop();
    }
  });
});
