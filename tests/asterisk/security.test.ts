/**
 * (k) What the SIP brute-force guard relies on in Asterisk 22: the AMI security events of a wrong
 * password, an unknown user and a good login, with their fields; a pjsip `type=acl` deny answers
 * 403 before anything else (no security event); a deny line Asterisk cannot parse makes it keep the
 * previous ACL object whole.
 * Table: docs/asterisk-notes.md ("Security events and bans").
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { AmiPacket } from '../../apps/server/src/asterisk/ami.js';
import { AmiEventStream } from '../../apps/server/src/security/ami-event-stream.js';
import { BANS_FILE, BANS_MODULE } from '../../apps/server/src/security/bans-file.js';
import { receivedStatuses, runSipp } from '../server/ban-sipp.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, localAmi, logOffset, readLogSince, stateFilePath, writeAndReload } from '../support/local-asterisk.js';
import { readFileSync } from 'node:fs';

const availability = await detectAsterisk();
const USER = 'swf-probe-sec';
const PASSWORD = 'Probe-Secret-0815x';
const ENDPOINT = `[${USER}]
type = endpoint
context = default
disallow = all
allow = ulaw
auth = ${USER}
aors = ${USER}
[${USER}]
type = auth
auth_type = userpass
username = ${USER}
password = ${PASSWORD}
[${USER}]
type = aor
max_contacts = 1
remove_existing = yes
`;

describeWithAsterisk(availability, '(k) security events and the pjsip ACL', (asterisk) => {
  const { sipPort, messagesLog } = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number; messagesLog: string };
  const events: AmiPacket[] = [];
  let stream: AmiEventStream;
  let restore: () => Promise<void>;
  const register = (source: string, options: { user?: string; password?: string } = {}) =>
    runSipp({ scenario: 'register', source, sipPort, user: options.user ?? USER, password: options.password ?? PASSWORD, timeoutSeconds: 5 });
  const from = (address: string) => events.filter((e) => e.RemoteAddress?.startsWith(`IPV4/UDP/${address}/`));
  const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 20 });

  beforeAll(async () => {
    restore = keepGeneratedFiles(asterisk, { 'pjsip.conf': 'res_pjsip.so', [BANS_FILE]: BANS_MODULE });
    await writeAndReload(asterisk, BANS_FILE, '', BANS_MODULE);
    await writeAndReload(asterisk, 'pjsip.conf', ENDPOINT, 'res_pjsip.so');
    stream = new AmiEventStream({ ami: localAmi(), events: 'security', onEvent: (p) => events.push(p) });
    stream.start();
    await waitFor(() => expect(stream.connected).toBe(true));
  });

  afterAll(async () => {
    await stream?.stop();
    await restore?.();
  });

  it('reports a wrong password as ChallengeSent then ChallengeResponseFailed, keyed by the Call-ID', async () => {
    const run = await register('127.0.0.51', { password: 'wrong' });
    expect(receivedStatuses(run.messages)).toEqual([401, 401]);
    const callId = /^Call-ID: (.+)$/m.exec(run.messages)![1]!.trim();
    await waitFor(() => expect(from('127.0.0.51').map((e) => e.Event)).toEqual(['ChallengeSent', 'ChallengeResponseFailed']));
    expect(from('127.0.0.51')[1]).toMatchObject({
      Event: 'ChallengeResponseFailed',
      Privilege: 'security,all',
      Severity: 'Error',
      Service: 'PJSIP',
      EventVersion: '1',
      AccountID: USER,
      SessionID: callId,
      LocalAddress: `IPV4/UDP/127.0.0.1/${sipPort}`,
      RemoteAddress: expect.stringMatching(/^IPV4\/UDP\/127\.0\.0\.51\/\d+$/),
      ExpectedResponse: '',
    });
    expect(from('127.0.0.51')[1]!.EventTV).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  });

  it('reports each request of an unknown user as InvalidAccountID, and its authenticated one once more as ChallengeResponseFailed <unknown>', async () => {
    await register('127.0.0.52', { user: '9999', password: 'guess' });
    await waitFor(() => expect(from('127.0.0.52')).toHaveLength(4));
    expect(from('127.0.0.52').map((e) => `${e.Event} ${e.AccountID}`)).toEqual([
      'InvalidAccountID 9999',
      'ChallengeSent <unknown>',
      'InvalidAccountID 9999',
      'ChallengeResponseFailed <unknown>',
    ]);
  });

  it('reports a good login as SuccessfulAuth with UsingPassword 1', async () => {
    expect(receivedStatuses((await register('127.0.0.53')).messages)).toEqual([401, 200]);
    await waitFor(() => expect(from('127.0.0.53').map((e) => e.Event)).toEqual(['ChallengeSent', 'SuccessfulAuth']));
    expect(from('127.0.0.53')[1]).toMatchObject({ AccountID: USER, UsingPassword: '1', Severity: 'Informational' });
  });

  it('answers a denied address 403 before anything else looks at the request: no security event', async () => {
    await writeAndReload(asterisk, BANS_FILE, '[stumpfworks-bans]\ntype = acl\ndeny = 127.0.0.54/32\n', BANS_MODULE);
    const offset = logOffset(messagesLog);
    expect(new Set(receivedStatuses((await register('127.0.0.54')).messages))).toEqual(new Set([403]));
    const before = events.length;
    expect(receivedStatuses((await register('127.0.0.53')).messages)).toEqual([401, 200]);
    await waitFor(() => expect(events.length).toBe(before + 2));
    expect(from('127.0.0.54')).toEqual([]);
    expect(readLogSince(messagesLog, offset)).toMatch(/WARNING\[\d+\] res_pjsip_acl\.c: Incoming SIP message from 127\.0\.0\.54:\d+ did not pass ACL test/);
  });

  it('keeps the previous ACL when a deny line does not parse (despite "Blocking ALL SIP traffic")', async () => {
    const offset = logOffset(messagesLog);
    await writeAndReload(asterisk, BANS_FILE, '[stumpfworks-bans]\ntype = acl\ndeny = 127.0.0.54/32\ndeny = 127.0.0.999/32\ndeny = 127.0.0.55/32\n', BANS_MODULE);
    const log = readLogSince(messagesLog, offset);
    expect(log).toContain("Bad ACL '127.0.0.999/32'");
    expect(log).toContain('There is an error in ACL configuration. Blocking ALL SIP traffic.');
    expect(log).toContain("Retaining existing configuration for object of type 'acl' with id 'stumpfworks-bans'");
    // The object with the bad line is refused as a whole: the old one (127.0.0.54 only) stays.
    expect(receivedStatuses((await register('127.0.0.53')).messages)).toEqual([401, 200]);
    expect(receivedStatuses((await register('127.0.0.55')).messages)).toEqual([401, 200]);
    expect(new Set(receivedStatuses((await register('127.0.0.54')).messages))).toEqual(new Set([403]));
    await writeAndReload(asterisk, BANS_FILE, '', BANS_MODULE);
    expect(receivedStatuses((await register('127.0.0.54')).messages)).toEqual([401, 200]);
  });
});
