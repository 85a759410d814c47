import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing.js';

describe('/trunks (real server)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  it.each([
    ['sipgate', 'sipgate.de', 'udp'],
    ['easybell', 'voip.easybell.de', 'udp'],
    ['telekom', 'tel.t-online.de', 'tcp'],
    ['1und1', 'sip.1und1.de', 'udp'],
  ])('fills in the %s preset', async (preset, server, transport) => {
    const response = await t.api('/trunks', {
      method: 'POST',
      json: { id: `t-${preset}`, name: preset, type: 'registration', preset, username: '4930123', password: 'pw-123456' },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ server, realm: server, transport, port: 5060, preset });
  });

  it('lets explicit settings win over the preset', async () => {
    const response = await t.api('/trunks', {
      method: 'POST',
      json: { id: 'custom', name: 'c', type: 'registration', preset: 'sipgate', transport: 'tls', port: 5061, username: 'u', password: 'p' },
    });
    expect(await response.json()).toMatchObject({ server: 'sipgate.de', transport: 'tls', port: 5061 });
  });

  it('needs credentials for registration and a server without preset', async () => {
    const response = await t.api('/trunks', { method: 'POST', json: { id: 'bad', name: 'b', type: 'registration' } });
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { issues: Array<{ path: string }> } };
    expect(error.issues.map((i) => i.path).sort()).toEqual(['password', 'server', 'username']);
  });

  it('accepts an IP-based trunk', async () => {
    const response = await t.api('/trunks', { method: 'POST', json: { id: 'carrier', name: 'Carrier', type: 'ip', server: '192.0.2.10' } });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ type: 'ip', server: '192.0.2.10', transport: 'udp' });
  });
});
