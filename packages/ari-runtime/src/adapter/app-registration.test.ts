import { describe, expect, it } from 'vitest';
import { AppRegistration } from './app-registration.js';

/** A clock the test moves by hand: each reading is one second later. */
function ticking(): () => Date {
  let seconds = 0;
  return () => new Date(Date.UTC(2026, 11, 7, 3, 0, seconds++));
}

describe('AppRegistration', () => {
  it('is registered while its socket is open and Asterisk lists the app, with the time it became so', () => {
    const r = new AppRegistration('swf', ticking());
    expect(r.status).toEqual({ app: 'swf', state: 'connecting', since: '2026-12-07T03:00:00.000Z' });
    r.socketOpened();
    expect(r.status).toEqual({ app: 'swf', state: 'registered', since: '2026-12-07T03:00:01.000Z' });
    expect(r.checked(r.beginCheck(), true)).toBe('nothing');
    expect(r.status).toEqual({ app: 'swf', state: 'registered', since: '2026-12-07T03:00:01.000Z', checkedAt: '2026-12-07T03:00:02.000Z' });
  });

  it('after ApplicationReplaced waits while the other socket holds the app, and registers again once it is gone', () => {
    const r = new AppRegistration('swf', ticking());
    r.socketOpened();
    r.replaced();
    expect(r.status.state).toBe('replaced');
    expect(r.checked(r.beginCheck(), true)).toBe('nothing'); // the other one still has it: no fight
    expect(r.status.state).toBe('replaced');
    expect(r.checked(r.beginCheck(), false)).toBe('register-again');
    expect(r.status.state).toBe('missing');
    r.socketClosed(); // the supervisor drops our socket; ari-client opens a new one
    expect(r.status.state).toBe('connecting');
    r.socketOpened();
    expect(r.status.state).toBe('registered');
  });

  it('registers again when the app vanished under an open socket', () => {
    const r = new AppRegistration('swf', ticking());
    r.socketOpened();
    expect(r.checked(r.beginCheck(), false)).toBe('register-again');
    expect(r.status.state).toBe('missing');
    expect(r.checked(r.beginCheck(), false)).toBe('nothing'); // already on its way
  });

  it('ignores a check that began before the socket or the owner changed', () => {
    const r = new AppRegistration('swf', ticking());
    const beforeOpen = r.beginCheck();
    r.socketOpened();
    expect(r.checked(beforeOpen, false)).toBe('nothing');
    expect(r.status.state).toBe('registered');
    const beforeReplace = r.beginCheck();
    r.replaced();
    r.checkFailed(beforeReplace, 'late');
    expect(r.status.checkError).toBeUndefined();
  });

  it('keeps the state when a check gets no answer, and says why until the next answer', () => {
    const r = new AppRegistration('swf', ticking());
    r.socketOpened();
    r.checkFailed(r.beginCheck(), 'Asterisk did not answer within 5 s');
    expect(r.status).toMatchObject({ state: 'registered', checkError: 'Asterisk did not answer within 5 s' });
    r.checked(r.beginCheck(), true);
    expect(r.status.checkError).toBeUndefined();
  });

  it('does not call a closed socket replaced (the takeover is seen again after the reconnect)', () => {
    const r = new AppRegistration('swf', ticking());
    r.replaced();
    expect(r.status.state).toBe('connecting');
    expect(r.checked(r.beginCheck(), false)).toBe('nothing');
  });
});
