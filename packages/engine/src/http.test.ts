import { describe, expect, it } from 'vitest';
import { fillTemplate, httpOutput, jsonStringValue, printG17, responseField, urlValue } from './http.js';

describe('httpOutput', () => {
  it.each([
    [{ kind: 'response', status: 200, body: '' }, 'success'],
    [{ kind: 'response', status: 204, body: '' }, 'success'],
    [{ kind: 'response', status: 299, body: '' }, 'success'],
    [{ kind: 'response', status: 199, body: '' }, 'failure'],
    [{ kind: 'response', status: 301, body: '' }, 'failure'],
    [{ kind: 'response', status: 404, body: '' }, 'failure'],
    [{ kind: 'response', status: 503, body: '' }, 'failure'],
    [{ kind: 'failure' }, 'failure'],
    [{ kind: 'timeout' }, 'timeout'],
  ] as const)('%j -> %s', (result, output) => {
    expect(httpOutput(result)).toBe(output);
  });
});

describe('fillTemplate', () => {
  it('encodes URL values as UTF-8 except A-Z a-z 0-9 - _ . ~ (URIENCODE() plus STRREPLACE() in the dialplan)', () => {
    const vars = { V: "a!b*c'd(e)f~g-h_i.j:k@l&m=n+o?p/q#r%s ä" };
    expect(fillTemplate('http://h/x?v=${V}&u=${UNSET}', vars, '', 'url')).toBe(
      'http://h/x?v=a%21b%2Ac%27d%28e%29f~g-h_i.j%3Ak%40l%26m%3Dn%2Bo%3Fp%2Fq%23r%25s%20%C3%A4&u=',
    );
  });

  it('puts body values JSON-escaped: a caller ID cannot add a field', () => {
    const body = fillTemplate('{"c":"${CALLERID}","v":"${V}"}', { V: 'x y' }, '1","tier":"vip', 'body');
    expect(body).toBe('{"c":"1\\",\\"tier\\":\\"vip","v":"x y"}');
    expect(JSON.parse(body)).toEqual({ c: '1","tier":"vip', v: 'x y' });
  });

  const hostile = [
    '"}, "x": {"',
    '\\"',
    'a\\',
    '\\u0022',
    ')):1:2',
    '${SHELL(touch /tmp/x)}',
    '$[1+1]',
    'a,b;c|d&e',
    'Zoë 😀 ñ',
    'tab\there\nline\u0007bell\u007f',
    '',
  ];
  it.each(hostile)('keeps %j one JSON string, control characters dropped', (value) => {
    const parsed = JSON.parse(fillTemplate('{"v":"${V}"}', { V: value }, '', 'body')) as Record<string, string>;
    expect(Object.keys(parsed)).toEqual(['v']);
    expect(parsed.v).toBe(value.replace(/[\u0000-\u001f\u007f]/g, ''));
  });

  it.each(hostile)('puts %j into a URL as one query value, control characters dropped', (value) => {
    const url = new URL(fillTemplate('http://h/x?v=${V}&w=1', { V: value }, '', 'url'));
    expect([...url.searchParams.keys()]).toEqual(['v', 'w']);
    expect(url.searchParams.get('v')).toBe(value.replace(/[\u0000-\u001f\u007f]/g, ''));
  });

  it('sends a caller number of more than 254 UTF-8 bytes as empty (Asterisk reads only 255 bytes of it)', () => {
    expect(fillTemplate('${CALLERID}', {}, 'ä'.repeat(127), 'body')).toBe('ä'.repeat(127));
    expect(fillTemplate('${CALLERID}', {}, 'ä'.repeat(128), 'body')).toBe('');
    expect(fillTemplate('http://h/?c=${CALLERID}', {}, 'x'.repeat(255), 'url')).toBe('http://h/?c=');
  });

  it('writes parentheses in body values as \\u0028 and \\u0029, and a lone surrogate in a URL as U+FFFD', () => {
    expect(jsonStringValue('f(x):1')).toBe('f\\u0028x\\u0029:1');
    expect(urlValue('a\ud800b')).toBe('a%EF%BF%BDb');
  });
});

describe('responseField (what JSON_DECODE gives, measured in tests/asterisk/http-request.test.ts)', () => {
  const body = JSON.stringify({
    customer: { tier: 'vip', name: 'Anna, M' },
    n: 5,
    ok: true,
    no: false,
    x: null,
    arr: [{ b: 'x' }, 2],
    r: 0.1,
    r2: 100.25,
    r3: 1e21,
    big: 2147483647,
    neg: -0.5,
    s: 'Mü,l"l{e}r;|$[x]\\y',
  });
  it.each([
    ['customer.tier', 'vip'],
    ['customer.name', 'Anna M'],
    ['customer.tier.more', 'vip'],
    ['customer.missing', ''],
    ['nope.x', ''],
    ['n', '5'],
    ['ok', '1'],
    ['no', '0'],
    ['x', ''],
    ['arr.0.b', 'x'],
    ['arr.1', '2'],
    ['arr.b', ''],
    ['arr.7', ''],
    ['r', '0.10000000000000001'],
    ['r2', '100.25'],
    ['r3', '1e+21'],
    ['big', '2147483647'],
    ['neg', '-0.5'],
    ['s', 'Müllerxy'],
    ['customer', 'tier:vipname:Anna M'],
  ])('%s -> %j', (path, value) => {
    expect(responseField(body, path)).toBe(value);
  });

  it('wraps integers beyond 32 bits as Asterisk does, and reads bodies that are not JSON as empty', () => {
    expect(responseField('{"big":12345678901}', 'big')).toBe('-539222987');
    expect(responseField('nojson', 'a')).toBe('');
    expect(responseField('', 'a')).toBe('');
    expect(responseField('[1,2]', '0')).toBe('1');
  });

  it('prints reals like %.17g', () => {
    expect([1.5, 1e-5, 123456789012345680000, -2.5e-7, 0.000123].map(printG17)).toEqual([
      '1.5',
      '1.0000000000000001e-05',
      '1.2345678901234568e+20',
      '-2.4999999999999999e-07',
      '0.00012300000000000001',
    ]);
  });
});
