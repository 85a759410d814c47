import { describe, expect, it } from 'vitest';
import { parseFlow } from '../parse.js';
import { testFlow } from '../test-flows.js';
import { validateFlow } from '../validate.js';
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
    expect(problem({ url: 'http://h/x', method: 'POST', body: '{"a":"}"}' })).toContain('the body must be JSON');
    expect(problem({ url: 'http://h/x', method: 'POST', body: '{"a":"x;y"}' })).toContain('no \\ or ;');
    expect(problem({ url: 'http://h/x', method: 'POST', body: '{"n":${N},"c":"${CALLERID}"}' })).toBeUndefined();
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
