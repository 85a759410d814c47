/**
 * The SIP brute-force guard against the real Asterisk, with sipp on loopback addresses: an attacker
 * on 127.0.0.23 is banned after its wrong-password REGISTERs and then refused (403) even with the
 * right password, while a phone on 127.0.0.2 keeps registering and calling; the ban survives a
 * restart, is lifted through the API at once and ends by itself; an allowlisted address is never
 * banned; failure counts survive a restart; a registered phone failing as its own account is held
 * to the higher limit. Every wait is for an event (the API's view of the guard), never for a clock.
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { BANS_FILE, BANS_MODULE } from '../../apps/server/src/security/bans-file.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, reloadModule, serverAsteriskEnv, stateFilePath, writeGeneratedFile } from '../support/local-asterisk.js';
import { receivedStatuses, runSipp, type SippOptions } from './ban-sipp.js';

const availability = await detectAsterisk();

interface Ban {
  address: string;
  failures: number;
  repeat: number;
  enforced: boolean;
  registered: boolean;
  until: string;
}
interface Event {
  event: string;
  address: string;
  account?: string;
  outcome: string;
}

const ATTACKER = '127.0.0.23';
const PHONE = '127.0.0.2';
/** The flow the phone calls: answers, plays a long prompt (the phone hangs up first). */
const FLOW = {
  schemaVersion: 1,
  id: 'ban-test-line',
  name: 'Ban test line',
  nodes: [
    { id: 'start', type: 'Start', params: { number: '7310', language: 'en' } },
    { id: 'hello', type: 'Play', params: { prompt: { kind: 'sound', name: 'demo-congrats' } } },
    { id: 'bye', type: 'Hangup', params: {} },
  ],
  edges: [
    { from: 'start', output: 'next', to: 'hello' },
    { from: 'hello', output: 'next', to: 'bye' },
  ],
};

describeWithAsterisk(availability, 'SIP brute-force guard on the real Asterisk', (asterisk) => {
  const state = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
  let t: TestServer;
  let secret = '';
  let restoreFiles: (() => Promise<void>) | undefined;
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 50 });
  const bans = async () => ((await t.ok('/security/bans')) as { watching: boolean; bans: Ban[] }).bans;
  const banOf = async (address: string) => (await bans()).find((b) => b.address === address);
  const events = async () => (await t.ok('/security/events?last=200')) as Event[];
  const sipp = (options: Partial<SippOptions> & Pick<SippOptions, 'source'>) =>
    runSipp({ scenario: 'register', sipPort: state.sipPort, user: '1002', password: secret, ...options });
  const attack = (source: string, calls: number) => sipp({ source, password: `${secret}-wrong`, calls, rate: 20, limit: 5 });
  /** One REGISTER with the right password from `source`: its response codes. */
  const register = async (source: string) => receivedStatuses((await sipp({ source, timeoutSeconds: 10 })).messages);
  const settings = async (change: Record<string, unknown>) => {
    const current = (await t.ok('/settings/security')) as Record<string, unknown>;
    await t.ok('/settings/security', { method: 'PUT', json: { ...current, ...change } });
  };

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, { ...GENERATED_FILES, [BANS_FILE]: BANS_MODULE });
    writeGeneratedFile(asterisk, BANS_FILE, '');
    await reloadModule(asterisk, BANS_MODULE);
    t = await startTestServer(serverAsteriskEnv());
    const created = (await t.ok('/extensions', { method: 'POST', json: { id: '1002', name: 'Phone' } }, 201)) as { secret: string };
    secret = created.secret;
    await t.ok('/flows', { method: 'POST', json: FLOW }, 201);
    await t.ok('/flows/ban-test-line/versions', { method: 'POST' }, 201);
    await t.ok('/publish', { method: 'POST' });
    // Loopback is not the LAN: the attacker's address may be banned.
    await settings({ allowlist: [] });
    await vi.waitFor(async () => expect(((await t.ok('/security/bans')) as { watching: boolean }).watching).toBe(true), { timeout: 20_000, interval: 50 });
  });

  afterAll(async () => {
    for (const ban of t ? await bans() : []) await t.ok(`/security/bans/${ban.address}`, { method: 'DELETE' });
    await t?.stop();
    await restoreFiles?.();
  });

  it('bans the attacker after its wrong passwords while the phone keeps registering and calling', async () => {
    const [attacked, phoneRegisters, phoneCalls] = await Promise.all([
      attack(ATTACKER, 20),
      sipp({ source: PHONE, calls: 10, rate: 5, limit: 1 }),
      sipp({ source: PHONE, scenario: 'call', number: '7310', calls: 3, rate: 1, limit: 1, holdMs: 500 }),
    ]);
    expect(phoneRegisters.status, phoneRegisters.output).toBe(0);
    expect(phoneCalls.status, phoneCalls.output).toBe(0);
    expect(attacked.status).not.toBe(0);
    // The phone's logins came between the attacker's failures (in the order Asterisk reported them).
    const order = (await events()).reverse();
    const failures = order.flatMap((e, i) => (e.address === ATTACKER && e.event === 'ChallengeResponseFailed' ? [i] : []));
    const phoneDuring = order.filter((e, i) => e.address === PHONE && e.event === 'SuccessfulAuth' && i > failures[0]! && i < failures.at(-1)!);
    expect(phoneDuring.length).toBeGreaterThan(0);

    await poll(async () => (await banOf(ATTACKER))?.enforced).toBe(true);
    expect(await banOf(ATTACKER)).toMatchObject({ failures: 10, repeat: 0, registered: false });
    // Once the ACL is live, even the right password gets 403 and nothing else.
    expect(new Set(await register(ATTACKER))).toEqual(new Set([403]));
    expect(await register(PHONE)).toEqual([401, 200]);
  });

  it('keeps the bans through publishes, which neither report them nor fail beside a ban', async () => {
    expect(await t.ok('/publish', { method: 'POST' })).toMatchObject({ outcome: 'unchanged' });
    // Publishes that reload res_pjsip while another address is being banned: both take turns.
    const busy = '127.0.0.27';
    const publish = async () => ((await t.ok('/publish', { method: 'POST' })) as { outcome: string }).outcome;
    const publishes = async () => {
      await t.ok('/extensions', { method: 'POST', json: { id: '1003', name: 'Zweites Telefon' } }, 201);
      const outcomes = [await publish()];
      for (const name of ['Second phone', 'Zweites Telefon']) {
        await t.ok('/extensions/1003', { method: 'PUT', json: { id: '1003', name } });
        outcomes.push(await publish());
      }
      return outcomes;
    };
    const [outcomes] = await Promise.all([publishes(), attack(busy, 12)]);
    expect(outcomes).toEqual(['applied', 'applied', 'applied']);
    await poll(async () => (await banOf(busy))?.enforced).toBe(true);
    expect(new Set(await register(ATTACKER))).toEqual(new Set([403]));
    expect(new Set(await register(busy))).toEqual(new Set([403]));
    await t.ok(`/security/bans/${busy}`, { method: 'DELETE' });
  });

  it('keeps the ban across a server restart', async () => {
    await t.restart();
    await poll(async () => ((await t.ok('/security/bans')) as { watching: boolean }).watching).toBe(true);
    expect(await banOf(ATTACKER)).toMatchObject({ enforced: true, failures: 10 });
    expect(new Set(await register(ATTACKER))).toEqual(new Set([403]));
  });

  it('lifts a ban through the API at once', async () => {
    expect(await t.ok(`/security/bans/${ATTACKER}`, { method: 'DELETE' })).toEqual({ address: ATTACKER, live: true });
    expect(await register(ATTACKER)).toEqual([401, 200]);
    expect(await banOf(ATTACKER)).toBeUndefined();
  });

  it('never bans an allowlisted address', async () => {
    const allowed = '127.0.0.24';
    await settings({ allowlist: [`${allowed}/32`] });
    await attack(allowed, 20);
    await poll(async () => (await events()).filter((e) => e.address === allowed && e.outcome === 'allowlisted').length).toBe(20);
    expect((await events()).filter((e) => e.address === allowed && e.outcome !== 'allowlisted')).toEqual([]);
    expect(await banOf(allowed)).toBeUndefined();
    expect(await register(allowed)).toEqual([401, 200]);
    await settings({ allowlist: [] });
  });

  it('ends a ban after banSeconds', async () => {
    const shortLived = '127.0.0.25';
    await settings({ banSeconds: 2 });
    await attack(shortLived, 10);
    await poll(async () => (await banOf(shortLived))?.enforced).toBe(true);
    expect(new Set(await register(shortLived))).toEqual(new Set([403]));
    await poll(async () => await banOf(shortLived)).toBeUndefined();
    expect(await register(shortLived)).toEqual([401, 200]);
    await settings({ banSeconds: 900 });
  });

  it('keeps the failure counts across a restart', async () => {
    const slow = '127.0.0.26';
    await attack(slow, 6);
    await poll(async () => (await events()).filter((e) => e.address === slow && e.outcome === 'counted').length).toBe(6);
    await t.restart();
    await poll(async () => ((await t.ok('/security/bans')) as { watching: boolean }).watching).toBe(true);
    await attack(slow, 4);
    await poll(async () => (await banOf(slow))?.failures).toBe(10);
  });

  it('holds a registered phone failing as its own account to maxFailuresRegistered', async () => {
    await settings({ maxFailures: 5, maxFailuresRegistered: 12 });
    expect(await register(PHONE)).toEqual([401, 200]);
    await attack(PHONE, 8);
    await poll(async () => (await events()).filter((e) => e.address === PHONE && e.event === 'ChallengeResponseFailed').length).toBe(8);
    const outcomes = (await events()).filter((e) => e.address === PHONE && e.event === 'ChallengeResponseFailed').map((e) => e.outcome).reverse();
    expect(outcomes).toEqual(['counted', 'counted', 'counted', 'counted', 'exempt', 'exempt', 'exempt', 'exempt']);
    expect(await banOf(PHONE)).toBeUndefined();
    await attack(PHONE, 4);
    await poll(async () => (await banOf(PHONE))?.registered).toBe(true);
    expect(await banOf(PHONE)).toMatchObject({ failures: 12 });
    await t.ok(`/security/bans/${PHONE}`, { method: 'DELETE' });
    await settings({ maxFailures: 10, maxFailuresRegistered: 50 });
  });
});
