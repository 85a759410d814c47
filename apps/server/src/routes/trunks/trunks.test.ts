import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, storedResource, type TestServer } from '../../testing.js';
import type { Trunk } from './trunks.schema.js';

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

  it('keeps the stored password on a PUT without one (or with the ******** a read shows), and never shows it', async () => {
    const created = await t.api('/trunks', { method: 'POST', json: { id: 'keep', name: 'Keep', type: 'registration', server: 'sip.example.net', username: 'u1', password: 'Secret-pw-1' } });
    expect(created.status).toBe(201);
    const replaced = await t.api('/trunks/keep', { method: 'PUT', json: { id: 'keep', name: 'Keep 2', type: 'registration', server: 'sip.example.net', transport: 'tcp', username: 'u1' } });
    expect(replaced.status, await replaced.clone().text()).toBe(200);
    expect(await replaced.json()).toMatchObject({ name: 'Keep 2', transport: 'tcp', password: '********' });
    expect(storedResource<Trunk>(t, 'trunk', 'keep')).toMatchObject({ name: 'Keep 2', password: 'Secret-pw-1' });

    const shown = (await t.ok('/trunks/keep')) as Trunk;
    expect(shown.password).toBe('********');
    expect((await t.api('/trunks/keep', { method: 'PUT', json: { ...shown, name: 'Keep 3' } })).status).toBe(200);
    expect(storedResource<Trunk>(t, 'trunk', 'keep')).toMatchObject({ name: 'Keep 3', password: 'Secret-pw-1' });
    expect(JSON.stringify(await t.ok('/trunks'))).not.toContain('Secret-pw-1');

    expect((await t.api('/trunks/keep', { method: 'PUT', json: { ...shown, password: 'New-secret-2' } })).status).toBe(200);
    expect(storedResource<Trunk>(t, 'trunk', 'keep')?.password).toBe('New-secret-2');
  });

  it('refuses a PUT that makes a trunk without a password a registration trunk', async () => {
    const response = await t.api('/trunks/carrier', { method: 'PUT', json: { id: 'carrier', name: 'Carrier', type: 'registration', server: '192.0.2.10', username: 'u' } });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { issues: [{ path: 'password' }] } });
  });
});
