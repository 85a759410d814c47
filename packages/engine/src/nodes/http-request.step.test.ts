import { describe, expect, it } from 'vitest';
import { drive, httpFailure, httpResponse, httpTimeout, testFlow } from '../testing.js';

const httpFlow = (params: Record<string, unknown>, edges = ['h.success->ok', 'h.failure->bad']) =>
  testFlow(
    [
      { id: 's', type: 'Start' },
      { id: 'set', type: 'SetVariable', params: { name: 'CUSTOMER', value: '4711 a/b' } },
      { id: 'h', type: 'HttpRequest', params },
      { id: 'ok', type: 'Hangup' },
      { id: 'bad', type: 'Hangup' },
      { id: 'slow', type: 'Hangup' },
    ],
    ['s.next->set', 'set.next->h', ...edges],
  );

const lookup = {
  url: 'https://crm.example.com/c/${CUSTOMER}?phone=${CALLERID}',
  timeoutSeconds: 3,
  responseMapping: [
    { variable: 'TIER', path: 'customer.tier' },
    { variable: 'NAME', path: 'customer.name' },
  ],
};

describe('HttpRequest', () => {
  it('asks with the references filled in (URL-encoded) and waits for the answer', () => {
    const { snapshot, effects } = drive(httpFlow(lookup), [], { callerId: '+4989123' });
    expect(effects.at(-1)).toBe('http GET https://crm.example.com/c/4711%20a%2Fb?phone=%2B4989123 3s');
    expect(snapshot.waitingFor).toBe('http');
  });

  it('sends a POST body with the values as they are', () => {
    const params = { ...lookup, method: 'POST', url: 'http://127.0.0.1:8080/lookup', body: '{"customer":"${CUSTOMER}","caller":"${CALLERID}"}' };
    const { effects } = drive(httpFlow(params), [], { callerId: '0301' });
    expect(effects.at(-1)).toBe('http POST http://127.0.0.1:8080/lookup {"customer":"4711 a/b","caller":"0301"} 3s');
  });

  it('JSON-escapes body values: a caller ID cannot add a field', () => {
    const params = { ...lookup, method: 'POST', url: 'http://127.0.0.1:8080/lookup', body: '{"caller":"${CALLERID}"}' };
    const { effects } = drive(httpFlow(params), [], { callerId: '1","tier":"vip' });
    expect(effects.at(-1)).toBe('http POST http://127.0.0.1:8080/lookup {"caller":"1\\",\\"tier\\":\\"vip"} 3s');
  });

  it('does not make a request longer than 4000 bytes once filled, and takes failure at once', () => {
    const flow = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'get', type: 'HttpRequest', params: { url: 'http://h/get', responseMapping: [{ variable: 'LONG', path: 'v' }] } },
        { id: 'post', type: 'HttpRequest', params: { method: 'POST', url: 'http://h/x', body: '{"a":"${LONG}","b":"${LONG}"}' } },
        { id: 'ok', type: 'Hangup' },
        { id: 'bad', type: 'Hangup' },
      ],
      ['s.next->get', 'get.success->post', 'get.failure->bad', 'post.success->ok', 'post.failure->bad'],
    );
    // http://h/x (10 bytes), a comma, then {"a":"<n>","b":"<n>"} (15 + 2n bytes): 4000 bytes with n = 1987.
    const answer = (n: number) => httpResponse(200, JSON.stringify({ v: 'x'.repeat(n) }));
    expect(drive(flow, [answer(1987)]).snapshot.waitingFor).toBe('http');
    const { effects } = drive(flow, [answer(1988)]);
    expect(effects.filter((e) => e.startsWith('http '))).toEqual(['http GET http://h/get 5s']);
    expect(effects.slice(-3)).toEqual(['visit test/bad', 'hangup', 'end hangup test/bad']);
  });

  it('maps the fields of a 2xx answer into variables and takes success', () => {
    const { effects } = drive(httpFlow(lookup), [httpResponse(201, '{"customer":{"tier":"vip","name":"Anna, M."}}')]);
    expect(effects.slice(-5)).toEqual(['set TIER=vip', 'set NAME=Anna M.', 'visit test/ok', 'hangup', 'end hangup test/ok']);
  });

  it('sets missing fields to empty and keeps going when the body is not JSON', () => {
    expect(drive(httpFlow(lookup), [httpResponse(200, 'OK')]).effects.slice(-5)).toEqual(['set TIER=', 'set NAME=', 'visit test/ok', 'hangup', 'end hangup test/ok']);
  });

  it('reads the fields of a body up to 3000 bytes, and of a longer one as empty (the dialplan cannot see more)', () => {
    const body = (pad: number) => JSON.stringify({ customer: { tier: 'vip', name: 'x' }, pad: 'ä'.repeat(pad) });
    const fits = body(0).length + 2 * Math.floor((3000 - body(0).length) / 2);
    expect(new TextEncoder().encode(body((fits - body(0).length) / 2)).length).toBeLessThanOrEqual(3000);
    expect(drive(httpFlow(lookup), [httpResponse(200, body((fits - body(0).length) / 2))]).effects).toContain('set TIER=vip');
    expect(drive(httpFlow(lookup), [httpResponse(200, body(1500))]).effects.slice(-5)).toEqual(['set TIER=', 'set NAME=', 'visit test/ok', 'hangup', 'end hangup test/ok']);
  });

  it.each([
    ['a 404', httpResponse(404, '{"customer":{"tier":"vip"}}')],
    ['a 302', httpResponse(302)],
    ['a 500', httpResponse(500)],
    ['a failure without answer', httpFailure],
  ])('takes failure on %s and sets nothing', (_label, event) => {
    const { snapshot, effects } = drive(httpFlow(lookup), [event]);
    expect(effects.slice(-3)).toEqual(['visit test/bad', 'hangup', 'end hangup test/bad']);
    expect(snapshot.vars).toEqual({ CUSTOMER: '4711 a/b' });
  });

  it('takes timeout when connected, failure when not', () => {
    const edges = ['h.success->ok', 'h.failure->bad', 'h.timeout->slow'];
    expect(drive(httpFlow(lookup, edges), [httpTimeout]).effects.at(-1)).toBe('end hangup test/slow');
    expect(drive(httpFlow(lookup), [httpTimeout]).effects.at(-1)).toBe('end hangup test/bad');
  });

  it('refuses other events while it waits', () => {
    expect(() => drive(httpFlow(lookup), [{ type: 'digits', digits: '1' }])).toThrow(
      'node "h" in flow "test" (HttpRequest) waits for an HTTP response (httpResult, hangup), not "digits"',
    );
  });
});
