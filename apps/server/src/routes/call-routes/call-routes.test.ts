import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing.js';
import { patternKey, patternMatches } from './call-routes.schema.js';

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

describe('patternKey: what Asterisk takes as the same extension', () => {
  it.each([
    ['_0[1-9]X.', '_0[123456789]X.', true],
    ['_[21]X', '_[12]X', true],
    ['_X', '_[0-9]', true],
    ['_555-1XXX', '_5551XXX', true],
    ['030-123', '030123', true],
    ['_X.', '_X!', false],
    ['_1X', '_1Z', false],
    ['112', '_112', false],
  ])('%s and %s', (a, b, same) => expect(patternKey(a) === patternKey(b)).toBe(same));
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

  it('keeps a recording policy and a consent prompt on an inbound route; refuses an unknown prompt with its path', async () => {
    const ghost = await t.api('/routes/inbound', { method: 'POST', json: { id: 'rec-did', did: '4930123470', target: { type: 'extension', id: '1000' }, consentPrompt: 'nope' } });
    expect(ghost.status).toBe(422);
    expect(await ghost.json()).toMatchObject({ error: { issues: [{ path: 'consentPrompt' }] } });
    await t.ok('/prompts/tts', { method: 'POST', json: { id: 'hinweis', name: 'Hinweis', language: 'de', text: 'Dieses Gespräch wird aufgezeichnet.' } });
    const route = { id: 'rec-did', did: '4930123470', target: { type: 'extension', id: '1000' }, recording: 'always', consentPrompt: 'hinweis' };
    expect(await t.ok('/routes/inbound', { method: 'POST', json: route }, 201)).toEqual(route);
  });

  it('refuses a pattern Asterisk would take as one it has already: in the route, in another route, or 110/112', async () => {
    const twice = await t.api('/routes/outbound', { method: 'POST', json: { id: 'twice', name: 'Zweimal', patterns: ['_09[1-9]X.', '_09[123456789]X.'], trunks: ['main'] } });
    expect(twice.status).toBe(422);
    expect(await twice.json()).toMatchObject({ error: { issues: [{ path: 'patterns[1]', message: 'means the same as entry 1' }] } });
    await t.ok('/routes/outbound', { method: 'POST', json: { id: 'mobile', name: 'Mobil', patterns: ['_01[5-7]X.'], trunks: ['main'] } });
    const taken = await t.api('/routes/outbound', { method: 'POST', json: { id: 'other', name: 'Andere', patterns: ['_0Z.', '_01[567]X.'], trunks: ['main'] } });
    expect(await taken.json()).toMatchObject({ error: { issues: [{ path: 'patterns[1]', message: 'already used by route "mobile"' }] } });
    const emergency = await t.api('/routes/outbound', { method: 'POST', json: { id: 'notruf', name: 'x', patterns: ['11-2'], trunks: ['main'] } });
    expect(await emergency.json()).toMatchObject({ error: { issues: [{ path: 'patterns[0]' }] } });
    // Replacing a route with its own patterns is no clash.
    expect((await t.api('/routes/outbound/mobile', { method: 'PUT', json: { id: 'mobile', name: 'Mobilfunk', patterns: ['_01[5-7]X.'], trunks: ['main'] } })).status).toBe(200);
  });

  it('refuses a DID another inbound route has', async () => {
    await t.ok('/routes/inbound', { method: 'POST', json: { id: 'office-did', did: '_4930999', target: { type: 'extension', id: '1000' } } });
    const again = await t.api('/routes/inbound', { method: 'POST', json: { id: 'again', did: '_49309[9]9', target: { type: 'extension', id: '1000' } } });
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({ error: { issues: [{ path: 'did', message: 'already used by route "office-did"' }] } });
  });
});
