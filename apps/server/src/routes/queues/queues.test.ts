import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing.js';
import { describeWithTools } from '../../testing-tools.js';

describe('/queues and /conferences (real server)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    await t.ok('/extensions', { method: 'POST', json: { id: '1000', name: 'Anna' } }, 201);
  });
  afterAll(() => t.stop());

  it('creates a queue; roundrobin means rrmemory', async () => {
    const response = await t.api('/queues', {
      method: 'POST',
      json: { id: 'sales', name: 'Sales', strategy: 'roundrobin', members: ['1000'], announcePosition: true, maxWaitSeconds: 120 },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ strategy: 'rrmemory', musicOnHold: 'default', announcePosition: true, maxWaitSeconds: 120 });
  });

  it('refuses unknown members and strategies with paths', async () => {
    const response = await t.api('/queues', { method: 'POST', json: { id: 'x', name: 'x', strategy: 'linear', members: ['1000'] } });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { issues: [{ path: 'strategy' }] } });
    const ghost = await t.api('/queues', { method: 'POST', json: { id: 'y', name: 'y', members: ['1000', '1999'] } });
    expect(await ghost.json()).toMatchObject({ error: { issues: [{ path: 'members[1]' }] } });
  });

  it('keeps a recording policy, refuses an unknown one with its path (both languages), drops it on a PUT without it', async () => {
    const bad = await t.api('/queues', { method: 'POST', headers: { 'Accept-Language': 'de' }, json: { id: 'rec', name: 'Rec', recording: 'sometimes' } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { issues: [{ path: 'recording', message: expect.stringContaining('auf Wunsch') }] } });
    const english = await t.api('/queues', { method: 'POST', json: { id: 'rec', name: 'Rec', recording: 'sometimes' } });
    expect(await english.json()).toMatchObject({ error: { issues: [{ path: 'recording', message: expect.stringContaining('*1 toggles') }] } });
    expect(await t.ok('/queues', { method: 'POST', json: { id: 'rec', name: 'Rec', recording: 'always' } }, 201)).toMatchObject({ recording: 'always' });
    expect(await t.ok('/queues/rec')).toMatchObject({ recording: 'always' });
    expect(await t.ok('/queues/rec', { method: 'PUT', json: { id: 'rec', name: 'Rec' } })).not.toHaveProperty('recording');
  });

  it('creates a conference room and checks its PINs', async () => {
    const ok = await t.api('/conferences', { method: 'POST', json: { id: '800', name: 'Team', pin: '1234', moderatorPin: '9876', record: true } });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ maxParticipants: 20, record: true });
    const same = await t.api('/conferences', { method: 'POST', json: { id: '801', name: 'x', pin: '1234', moderatorPin: '1234' } });
    expect(await same.json()).toMatchObject({ error: { issues: [{ path: 'moderatorPin' }] } });
    const big = await t.api('/conferences', { method: 'POST', json: { id: '802', name: 'x', maxParticipants: 1000 } });
    expect(await big.json()).toMatchObject({ error: { issues: [{ path: 'maxParticipants' }] } });
  });
});

describeWithTools(['espeak-ng', 'sox'], '/queues with a prompt on hold (real server, espeak-ng)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    await t.ok('/extensions', { method: 'POST', json: { id: '1000', name: 'Anna' } }, 201);
  });
  afterAll(() => t.stop());

  it('plays an uploaded prompt on hold, and refuses one that does not exist', async () => {
    const missing = await t.api('/queues', { method: 'POST', json: { id: 'hold', name: 'Hold', members: ['1000'], musicOnHold: 'wartemusik' } });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({ error: { issues: [{ path: 'musicOnHold' }] } });
    const prompt = await t.api('/prompts/tts', { method: 'POST', json: { id: 'wartemusik', name: 'Wartemusik', language: 'de', text: 'Bitte warten.' } });
    expect(prompt.status).toBe(201);
    const ok = await t.api('/queues', { method: 'POST', json: { id: 'hold', name: 'Hold', members: ['1000'], musicOnHold: 'wartemusik' } });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ musicOnHold: 'wartemusik' });
  });
});
