import { describe, expect, it } from 'vitest';
import { parsePacket } from '../asterisk/ami.js';
import { securityEventFrom } from './security-event.js';

/** Packets as Asterisk 22.10 sent them (docs/asterisk-notes.md, "Security events"). */
const packet = (lines: string) => parsePacket(lines.trim().split('\n').map((l) => l.trim()).join('\r\n'));

const wrongPassword = packet(`
  Event: ChallengeResponseFailed
  Privilege: security,all
  EventTV: 2026-12-06T20:25:29.497+0000
  Severity: Error
  Service: PJSIP
  EventVersion: 1
  AccountID: 1002
  SessionID: 1-32349@127.0.0.23
  LocalAddress: IPV4/UDP/127.0.0.1/5490
  RemoteAddress: IPV4/UDP/127.0.0.23/5999
  Challenge: 1796588729/2dfc4fe25841cad9aae238361dde2517
  Response: d9690e4b098253824bf778df61a40d35
  ExpectedResponse:`);

describe('securityEventFrom', () => {
  it('reads a wrong password as a failure of its source address', () => {
    expect(securityEventFrom(wrongPassword)).toEqual({
      kind: 'failure',
      event: 'ChallengeResponseFailed',
      address: '127.0.0.23',
      account: '1002',
      session: '1-32349@127.0.0.23',
      time: Date.parse('2026-12-06T20:25:29.497Z'),
    });
  });

  it('reads an unknown user once per request, and a successful login as a success', () => {
    const unknown = { ...wrongPassword, Event: 'InvalidAccountID', AccountID: '9999' };
    expect(securityEventFrom(unknown)).toMatchObject({ kind: 'failure', event: 'InvalidAccountID', account: '9999' });
    // Asterisk adds this one to the InvalidAccountID of the same authenticated request.
    expect(securityEventFrom({ ...wrongPassword, AccountID: '<unknown>' })).toBeUndefined();
    expect(securityEventFrom({ ...wrongPassword, Event: 'SuccessfulAuth', Severity: 'Informational', UsingPassword: '1' })).toMatchObject({ kind: 'success', account: '1002' });
  });

  it('ignores challenges, other services and events without a usable source', () => {
    expect(securityEventFrom({ ...wrongPassword, Event: 'ChallengeSent' })).toBeUndefined();
    expect(securityEventFrom({ ...wrongPassword, Event: 'SuccessfulAuth', Service: 'AMI', RemoteAddress: 'IPV4/TCP/127.0.0.1/39532' })).toBeUndefined();
    expect(securityEventFrom({ ...wrongPassword, RemoteAddress: 'IPV4/UDP/0.0.0.0.1/5060' })).toBeUndefined();
    expect(securityEventFrom({ Response: 'Success', Ping: 'Pong' })).toBeUndefined();
  });

  it('keeps at most 64 characters of an account (caller-chosen text)', () => {
    const long = securityEventFrom({ ...wrongPassword, Event: 'InvalidAccountID', AccountID: 'x'.repeat(500) });
    expect(long?.account).toHaveLength(64);
  });
});
