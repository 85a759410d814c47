import { describe, expect, it } from 'vitest';
import { parseFlow } from '../parse.js';
import { testFlow } from '../test-flows.js';
import { validateFlow } from '../validate/index.js';
import { httpRequestNode, templateReferences } from './http-request.node.js';

const params = (p: Record<string, unknown>) => httpRequestNode.params.safeParse(p);
const problem = (p: Record<string, unknown>) => {
  const result = params(p);
  return result.success ? undefined : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
};

describe('HttpRequest params', () => {
  it('fills in the defaults: GET, no body, 5 s, no mapping', () => {
    expect(params({ url: 'https://crm.example.com/c?phone=${CALLERID}' }).data).toEqual({
      method: 'GET',
      url: 'https://crm.example.com/c?phone=${CALLERID}',
      body: '',
      timeoutSeconds: 5,
      responseMapping: [],
    });
  });

  it.each([
    ['ftp://example.com/x', 'use http:// or https://'],
    ['https://example.com/a b', 'use http:// or https://'],
    ['https://example.com/a,b', 'use http:// or https://'],
    ['https://example.com/${EXTEN}', 'a reference to a reserved name'],
    ['https://${HOST}/x', 'use http:// or https://'],
  ])('refuses the URL %s', (url, message) => {
    expect(problem({ url })).toContain(message);
  });

  it('refuses a POST without body, a GET with one, and bodies that are not JSON', () => {
    expect(problem({ url: 'http://h/x', method: 'POST' })).toBe('body: a POST request needs a body; a GET request has none');
    expect(problem({ url: 'http://h/x', body: '{}' })).toBe('body: a POST request needs a body; a GET request has none');
    expect(problem({ url: 'http://h/x', method: 'POST', body: '{"a":}' })).toContain('the body must be JSON');
    expect(problem({ url: 'http://h/x', method: 'POST', body: '{"a":"}"}' })).toContain('braces { } and parentheses ( ) must pair up');
    expect(problem({ url: 'http://h/x', method: 'POST', body: '{"a":"x;y"}' })).toContain('no \\ or ;');
  });

  const post = (body: string) => problem({ url: 'http://h/x', method: 'POST', body });
  it('takes references only inside JSON strings, keys included, where every value stays text', () => {
    expect(post('{"c":"${CALLERID}","n":"${N}","t":"Anruf von ${CALLERID} (${N})"}')).toBeUndefined();
    expect(post('{"${KEY}":"x","list":["${A}","b"]}')).toBeUndefined();
    const outside = 'body: each ${NAME} reference must sit inside a JSON string, between quotes (e.g. {"caller":"${CALLERID}"}): so every value stays text, whatever the caller sends';
    expect(post('{"n":${N},"c":"${CALLERID}"}')).toBe(outside);
    expect(post('{"list":[${A}]}')).toBe(outside);
    expect(post('{"a":"x"}${A}')).toContain(outside);
  });

  it('refuses braces and parentheses that do not pair up in order, inside strings too (Asterisk counts them)', () => {
    const unpaired = 'body: braces { } and parentheses ( ) must pair up, each opening one before its closing one, inside strings too (Asterisk counts them)';
    expect(post('{"a":"smile :)"}')).toBe(unpaired);
    expect(post('{"a":")("}')).toBe(unpaired);
    expect(post('{"a":"}}{{"}')).toBe(unpaired);
    expect(post('{"a":"(x) {y}"}')).toBeUndefined();
  });

  it('has German texts for the body messages', () => {
    const result = parseFlow(
      { schemaVersion: 1, id: 'f', name: 'f', nodes: [{ id: 'h', type: 'HttpRequest', params: { url: 'http://h/x', method: 'POST', body: '{"n":${N}}' } }], edges: [] },
    );
    expect(result.ok ? [] : result.problems.map((p) => p.message.de)).toEqual([
      'Jeder ${NAME}-Verweis muss in einer JSON-Zeichenkette stehen, zwischen Anführungszeichen (z. B. {"caller":"${CALLERID}"}): so bleibt jeder Wert ein Text, was auch immer der Anrufer sendet',
    ]);
  });

  it('refuses reserved or repeated variable names and bad paths in the mapping', () => {
    expect(problem({ url: 'http://h/x', responseMapping: [{ variable: 'DIALSTATUS', path: 'a' }] })).toContain('reserved');
    expect(problem({ url: 'http://h/x', responseMapping: [{ variable: 'A', path: 'a..b' }] })).toContain('keys separated by dots');
    expect(problem({ url: 'http://h/x', responseMapping: [{ variable: 'A', path: 'a' }, { variable: 'A', path: 'b' }] })).toContain(
      'each variable may be set by one field only',
    );
  });

  it('lists the references of a template once each', () => {
    expect(templateReferences('http://h/${A}/${CALLERID}?a=${A}')).toEqual(['A', 'CALLERID']);
  });
});

describe('HttpRequest in a flow', () => {
  it('needs success and failure connected; timeout falls back to failure', () => {
    const flow = testFlow(
      [{ id: 's', type: 'Start' }, { id: 'h', type: 'HttpRequest', params: { url: 'http://h/x' } }, { id: 'e', type: 'Hangup' }],
      ['s.next->h', 'h.success->e'],
    );
    expect(validateFlow(flow).map((d) => `${d.code}:${d.output}`)).toEqual(['unconnected-output:failure']);
  });

  it('warns about references to variables the flow never sets, and counts mapped variables as set', () => {
    const flow = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'h', type: 'HttpRequest', params: { url: 'http://h/${CUSTOMER}?t=${TIER}&c=${CALLERID}', responseMapping: [{ variable: 'TIER', path: 't' }] } },
        { id: 'c', type: 'Condition', params: { subject: 'TIER', operator: 'equals', value: 'vip' } },
        { id: 'e', type: 'Hangup' },
      ],
      ['s.next->h', 'h.success->c', 'h.failure->e', 'c.true->e', 'c.false->e'],
    );
    expect(validateFlow(flow).map((d) => `${d.severity}:${d.code}:${d.message.en}`)).toEqual([
      'warning:unset-variable:The variable CUSTOMER is never set in this flow.',
    ]);
  });

  it('points at the param of a bad URL', () => {
    const result = parseFlow({
      schemaVersion: 1,
      id: 'f',
      name: 'f',
      nodes: [{ id: 'h', type: 'HttpRequest', params: { url: 'mailto:x' } }],
      edges: [],
    });
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['nodes[0] "h".params.url']);
  });
});
