import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing.js';
import { patternMatches } from './call-routes.schema.js';

describe('patternMatches', () => {
  it.each([
    ['_1X.', '110', true],
    ['_0X.', '112', false],
    ['_X!', '112', true],
    ['_11[02]', '112', true],
    ['_11[3-9]', '112', false],
    ['112', '112', true],
  ])('%s against %s', (pattern, number, expected) => expect(patternMatches(pattern, number)).toBe(expected));
});

describe('/routes (real server)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    await t.ok('/trunks', { method: 'POST', json: { id: 'main', name: 'Main', type: 'ip', server: '192.0.2.1' } });
    await t.ok('/trunks', { method: 'POST', json: { id: 'backup', name: 'Backup', type: 'ip', server: '192.0.2.2' } });
    await t.ok('/extensions', { method: 'POST', json: { id: '1000', name: 'Anna' } });
  });
  afterAll(() => t.stop());

  it('always has the emergency route, which cannot be deleted', async () => {
    const route = await t.ok('/routes/outbound/emergency');
    expect(route).toMatchObject({ patterns: ['110', '112'], block: false });
    const response = await t.api('/routes/outbound/emergency', { method: 'DELETE' });
    expect(response.status).toBe(403);
  });

  it('lets only the trunk order of the emergency route change', async () => {
    const response = await t.api('/routes/outbound/emergency', {
      method: 'PUT',
      json: { id: 'emergency', name: 'Notruf', patterns: ['999'], trunks: ['backup', 'main'], block: true },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ patterns: ['110', '112'], trunks: ['backup', 'main'], block: false });
  });

  it('refuses a blocking route that would catch 110 or 112', async () => {
    const response = await t.api('/routes/outbound', { method: 'POST', json: { id: 'no-short', name: 'x', patterns: ['_0900X.', '_1XX'], block: true } });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { issues: [{ path: 'patterns[1]' }] } });
  });

  it('creates an outbound route with failover and checks the trunks exist', async () => {
    const ok = await t.api('/routes/outbound', { method: 'POST', json: { id: 'national', name: 'Inland', patterns: ['_0ZX.'], trunks: ['main', 'backup'] } });
    expect(ok.status).toBe(201);
    const bad = await t.api('/routes/outbound', { method: 'POST', json: { id: 'x', name: 'x', patterns: ['_00X.'], trunks: ['main', 'ghost'] } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { issues: [{ path: 'trunks[1]' }] } });
  });

  it('routes a DID to an existing extension only', async () => {
    expect((await t.api('/routes/inbound', { method: 'POST', json: { id: 'main-did', did: '4930123456', target: { type: 'extension', id: '1000' } } })).status).toBe(201);
    const bad = await t.api('/routes/inbound', { method: 'POST', json: { id: 'x', did: '49301', target: { type: 'flow', id: 'ghost' } } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { issues: [{ path: 'target.id' }] } });
  });
});
