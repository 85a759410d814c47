import type { AmiPacket } from '../asterisk/ami.js';
import { remoteAddressOf } from './addresses.js';

/**
 * Asterisk's security events that mean "this source tried something it may not": each counts as one
 * failure of its address. PJSIP in Asterisk 22 raises InvalidAccountID (unknown user, on every
 * request of it), ChallengeResponseFailed (wrong password) and FailedACL (an endpoint's own ACL);
 * the others are raised by other services and are listed so that a later PJSIP version's use of
 * them counts too (docs/asterisk-notes.md, "Security events").
 */
export const FAILURE_EVENTS: ReadonlySet<string> = new Set([
  'InvalidAccountID',
  'ChallengeResponseFailed',
  'FailedACL',
  'InvalidPassword',
  'RequestBadFormat',
  'RequestNotAllowed',
  'AuthMethodNotAllowed',
  'UnexpectedAddress',
  'InvalidTransport',
]);

/** One security event of the SIP service, as the guard uses it. */
export interface SecurityEvent {
  kind: 'failure' | 'success';
  /** Asterisk's event name (ChallengeResponseFailed, SuccessfulAuth, ...). */
  event: string;
  /** The source address (normalised). */
  address: string;
  /** The account the request named (the From user): attacker-chosen text, cut to ACCOUNT_MAX. */
  account?: string;
  /** Asterisk's SessionID: the SIP Call-ID. */
  session?: string;
  /** Milliseconds since the epoch (Asterisk's EventTV). */
  time: number;
}

/** Accounts are chosen by whoever sends the request; the guard keeps at most this much of one. */
export const ACCOUNT_MAX = 64;

/**
 * The SecurityEvent in an AMI packet, or undefined for anything the guard does not use: other
 * services (AMI logins: the ACL the guard writes is a SIP ACL), ChallengeSent, and the
 * ChallengeResponseFailed Asterisk adds for an unknown user's authenticated request (AccountID
 * `<unknown>`): that request has its own InvalidAccountID already, so it would count twice.
 */
export function securityEventFrom(packet: AmiPacket, now: () => number = Date.now): SecurityEvent | undefined {
  const event = packet.Event;
  if (!event || packet.Service !== 'PJSIP') return undefined;
  const kind = event === 'SuccessfulAuth' ? 'success' : FAILURE_EVENTS.has(event) ? 'failure' : undefined;
  if (!kind) return undefined;
  const source = remoteAddressOf(packet.RemoteAddress);
  if (!source) return undefined;
  const rawAccount = packet.AccountID ?? '';
  if (event === 'ChallengeResponseFailed' && rawAccount === '<unknown>') return undefined;
  const account = rawAccount === '' || rawAccount === '<unknown>' ? undefined : rawAccount.slice(0, ACCOUNT_MAX);
  const stamped = packet.EventTV ? Date.parse(packet.EventTV) : NaN;
  return {
    kind,
    event,
    address: source.address,
    ...(account !== undefined ? { account } : {}),
    ...(packet.SessionID ? { session: packet.SessionID.slice(0, 200) } : {}),
    time: Number.isFinite(stamped) ? stamped : now(),
  };
}
