/**
 * Trunk transports on the real local Asterisk: a TCP trunk gets the generated TCP transport and
 * registers over it; a TLS trunk needs the system CA bundle inside the Asterisk root (it goes live
 * with it, and without it the publish is rolled back with that reason).
 * Everything points at 127.0.0.1 (a port where nothing answers): no traffic leaves the host.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { amiAction, type AmiOptions } from '../../apps/server/src/asterisk/ami.js';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, localAmi, serverAsteriskEnv } from '../support/local-asterisk.js';
import { freePort } from './sipp.js';

const availability = await detectAsterisk();

describeWithAsterisk(availability, 'trunk transports on the real Asterisk', (asterisk) => {
  const ami: AmiOptions = localAmi();
  const env = serverAsteriskEnv();
  let t: TestServer;
  let provider: number;
  let restoreFiles: (() => Promise<void>) | undefined;
  const registrations = async () =>
    new Map(
      (await amiAction(ami, { Action: 'PJSIPShowRegistrationsOutbound' }))
        .filter((p) => p.Event === 'OutboundRegistrationDetail')
        .map((p) => [p.ObjectName, { transport: p.Transport, serverUri: p.ServerUri }]),
    );

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
    t = await startTestServer(env, { ariRuntime: false });
    provider = await freePort();
  });

  afterAll(async () => {
    await t?.stop();
    await restoreFiles?.();
  });

  it('publishes a TCP registration trunk over the generated TCP transport', async () => {
    const created = await t.api('/trunks', {
      method: 'POST',
      json: { id: 'tcp-prov', name: 'TCP', type: 'registration', server: '127.0.0.1', port: provider, transport: 'tcp', username: 'swf', password: 'Pw-tcp-12345' },
    });
    expect(created.status).toBe(201);
    const response = await t.api('/publish', { method: 'POST' });
    expect(response.status, await response.text()).toBe(200);
    expect(readFileSync(join(asterisk.confDir!, 'pjsip.conf'), 'utf8')).toContain('[stumpfworks-tcp]\ntype = transport\nprotocol = tcp');
    const transports = (await amiAction(ami, { Action: 'Command', Command: 'pjsip show transports' })).map((p) => p.Output ?? '').join('\n');
    expect(transports).toMatch(/^Transport:\s+stumpfworks-tcp\s+tcp\s/m);
    expect((await registrations()).get('trunk-tcp-prov')).toEqual({ transport: 'stumpfworks-tcp', serverUri: `sip:127.0.0.1:${provider};transport=tcp` });
  });

  it('keeps the password on a PUT without it: the live registration still authenticates with it', async () => {
    const replaced = await t.api('/trunks/tcp-prov', {
      method: 'PUT',
      json: { id: 'tcp-prov', name: 'TCP 2', type: 'registration', server: '127.0.0.1', port: provider, transport: 'tcp', username: 'swf' },
    });
    expect(replaced.status).toBe(200);
    expect(((await replaced.json()) as { password: string }).password).toBe('********');
    expect((await t.api('/publish', { method: 'POST' })).status).toBe(200);
    const auth = (await amiAction(ami, { Action: 'PJSIPShowRegistrationsOutbound' })).find((p) => p.Event === 'AuthDetail' && p.ObjectName === 'trunk-tcp-prov-auth');
    expect(auth?.Password).toBe('Pw-tcp-12345');
  });

  it('publishes a TLS trunk when the CA bundle is in the Asterisk root, and rolls back with that reason when not', async () => {
    const replaced = await t.api('/trunks/tcp-prov', {
      method: 'PUT',
      json: { id: 'tcp-prov', name: 'TLS', type: 'registration', server: '127.0.0.1', port: provider, transport: 'tls', username: 'swf' },
    });
    expect(replaced.status).toBe(200);
    const response = await t.api('/publish', { method: 'POST' });
    const body = (await response.json()) as { outcome?: string; error?: { message: string } };
    if (existsSync(join(asterisk.asteriskRoot!, 'etc/ssl/certs/ca-certificates.crt'))) {
      expect(response.status, JSON.stringify(body)).toBe(200);
      expect((await registrations()).get('trunk-tcp-prov')?.transport).toBe('stumpfworks-tls');
    } else {
      expect(response.status).toBe(502);
      expect(body.error?.message).toContain('PJSIP transport stumpfworks-tls is missing');
      expect(body.error?.message).toContain('/etc/ssl/certs/ca-certificates.crt');
      // Rolled back: the TCP registration runs as before.
      expect((await registrations()).get('trunk-tcp-prov')?.transport).toBe('stumpfworks-tcp');
    }
  });
});
