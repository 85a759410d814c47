import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecurityEvent } from '../../security/security-event.js';
import { LAN_NETWORKS } from '../../settings/security.settings.js';
import { startTestServer, type TestServer } from '../../testing.js';

const wrong = (address: string, account = '1002'): SecurityEvent => ({ kind: 'failure', event: 'ChallengeResponseFailed', address, account, session: 'c1', time: Date.now() });

describe('/security and /settings/security (real server without Asterisk)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());
  const feed = async (n: number, event: () => SecurityEvent) => {
    for (let i = 0; i < n; i++) await t.server.security.guard.handle(event());
  };

  it('reads the defaults of the security settings: the LAN allowlisted, 10 failures in 10 minutes', async () => {
    expect(await t.ok('/settings/security')).toEqual({
      enabled: true,
      maxFailures: 10,
      findSeconds: 600,
      banSeconds: 900,
      repeatFactor: 4,
      maxBanSeconds: 604800,
      rememberSeconds: 2592000,
      maxFailuresRegistered: 50,
      allowlist: LAN_NETWORKS,
    });
  });

  it('refuses bad settings with field paths, in the caller language', async () => {
    const refused = await t.api('/settings/security', { method: 'PUT', headers: { 'accept-language': 'de' }, json: { allowlist: ['10.0.0.0/8', '10.0.0.0/40'], banSeconds: 600, maxBanSeconds: 60, maxFailures: 20, maxFailuresRegistered: 5 } });
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: { issues: Array<{ path: string; message: string }> } };
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['allowlist[1]', 'maxBanSeconds', 'maxFailuresRegistered']);
    expect(body.error.issues.find((i) => i.path === 'allowlist[1]')?.message).toContain('Adresse/Präfix');
  });

  it('lists a ban with its reason and lifts it; the settings apply to the next event at once', async () => {
    await t.ok('/settings/security', { method: 'PUT', json: { maxFailures: 3, maxFailuresRegistered: 3, allowlist: [] } });
    await feed(3, () => wrong('203.0.113.7'));
    const listed = (await t.ok('/security/bans', { headers: { 'accept-language': 'de' } })) as { watching: boolean; enforcement: string[]; bans: Array<Record<string, unknown>> };
    expect(listed.watching).toBe(false);
    expect(listed.enforcement).toEqual([]);
    expect(listed.bans).toEqual([
      {
        address: '203.0.113.7',
        reason: '3 fehlgeschlagene Anmeldungen (ChallengeResponseFailed ×3; 1002)',
        since: expect.any(String),
        until: expect.any(String),
        failures: 3,
        repeat: 0,
        events: { ChallengeResponseFailed: 3 },
        accounts: ['1002'],
        registered: false,
        enforced: false, // no Asterisk to enforce it
        enforcedBy: {},
      },
    ]);
    expect(Date.parse(listed.bans[0]!.until as string) - Date.parse(listed.bans[0]!.since as string)).toBe(900_000);
    const events = (await t.ok('/security/events?last=2')) as Array<{ outcome: string; address: string }>;
    expect(events.map((e) => e.outcome)).toEqual(['banned', 'counted']);

    expect(await t.ok('/security/bans/203.0.113.7', { method: 'DELETE' })).toEqual({ address: '203.0.113.7', live: false }); // no Asterisk took it
    expect(((await t.ok('/security/bans')) as { bans: unknown[] }).bans).toEqual([]);
  });

  it('answers 404 for an address that is not banned and 422 for one that is no address', async () => {
    expect((await t.api('/security/bans/198.51.100.1', { method: 'DELETE' })).status).toBe(404);
    const bad = await t.api('/security/bans/not-an-ip', { method: 'DELETE' });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { issues: [{ path: 'address' }] } });
  });

  it('lifts by any spelling of an IPv6 address', async () => {
    await feed(3, () => wrong('2001:db8::7'));
    expect(await t.ok(`/security/bans/${encodeURIComponent('2001:DB8:0::7')}`, { method: 'DELETE' })).toEqual({ address: '2001:db8::7', live: false });
  });
});
