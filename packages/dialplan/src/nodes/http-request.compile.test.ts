import { describe, expect, it } from 'vitest';
import { compileNode, compileOk, contextNamed, makeFlow, steps } from '../testing.js';

const CONTROL = Array.from({ length: 31 }, (_, i) => `\\\\x${(i + 1).toString(16).padStart(2, '0')}`).join('') + '\\\\x7f';
const MAPPED_DROPPED = '\\\\x22\\\\x24\\\\x2c\\\\x3b\\\\x5b\\\\x5c\\\\x5d\\\\x7b\\\\x7c\\\\x7d' + CONTROL;

describe('compileHttpRequest', () => {
  it('GET: values prepared for the URL by name, a request too long for Asterisk not sent, CURL with the status line, digits of the status, the outcome, then the mapping', () => {
    const { s } = compileNode(
      {
        id: 'lookup',
        type: 'HttpRequest',
        params: {
          url: 'https://crm.example.com/c/${CUSTOMER}?phone=${CALLERID}',
          timeoutSeconds: 3,
          responseMapping: [{ variable: 'TIER', path: 'customer.tier' }],
        },
      },
      ['success', 'failure', 'timeout'],
    );
    const url = (name: string, source: string) => [
      `Set(${name}=\${REPLACE(${source},${CONTROL})})`,
      `Set(${name}=\${REPLACE(${name},:,\\x01)})`,
      `Set(${name}=\${URIENCODE(\${${name}})})`,
      `Set(${name}=\${STRREPLACE(${name},%01,%3A)})`,
      `Set(${name}=\${STRREPLACE(${name},!,%21)})`,
      `Set(${name}=\${STRREPLACE(${name},',%27)})`,
      `Set(${name}=\${STRREPLACE(${name},\\(,%28)})`,
      `Set(${name}=\${STRREPLACE(${name},\\),%29)})`,
      `Set(${name}=\${STRREPLACE(${name},*,%2A)})`,
    ];
    const caller = ['Set(SWF_HTTP_CALLER=${CALLERID(num)})', 'Set(SWF_HTTP_CALLER=${SWF_HTTP_CALLER:0:${IF(${ISNULL(${SWF_HTTP_CALLER:254:1})}?254:0)}})'];
    const [first, ...rest] = [...caller, ...url('SWF_HTTP_URL_CUSTOMER', 'CUSTOMER')];
    expect(s).toEqual([
      'UserEvent(SWFlowNode,flow: f,node: lookup)',
      'CELGenUserEvent(SWFlowNode,f//lookup)',
      'Set(CURLOPT(header)=1)',
      'Set(CURLOPT(httptimeout)=3)',
      'Set(CURLOPT(conntimeout)=3)',
      'GotoIf($["${SWF_HTTP_HEADERS}" = "1"]?request)',
      'Set(CURLOPT(httpheader)=Content-Type: application/json)',
      'Set(CURLOPT(httpheader)=Expect:)',
      'Set(SWF_HTTP_HEADERS=1)',
      `(request) ${first}`,
      ...rest,
      ...url('SWF_HTTP_URL_CALLERID', 'SWF_HTTP_CALLER'),
      'Set(SWF_HTTP_REQUEST=https://crm.example.com/c/${SWF_HTTP_URL_CUSTOMER}?phone=${SWF_HTTP_URL_CALLERID})',
      'GotoIf(${ISNULL(${SWF_HTTP_REQUEST:4000:1})}?send)',
      'Goto(failure)',
      '(send) Set(SWF_HTTP_T0=${STRFTIME(,,%s%3q)})',
      'Set(SWF_HTTP=${CURL(${SWF_HTTP_REQUEST})})',
      'Set(SWF_HTTP_MS=$[${STRFTIME(,,%s%3q)} - ${SWF_HTTP_T0}])',
      'Set(SWF_HTTP_STATUS=${FILTER(0-9,${CUT(SWF_HTTP, ,2)})})',
      'Set(SWF_HTTP=${STRREPLACE(SWF_HTTP,${SPRINTF(%c%c%c%c,13,10,13,10)},${SPRINTF(%c,1)},1)})',
      'Set(SWF_HTTP=${CUT(SWF_HTTP,${SPRINTF(%c,1)},2-)})',
      'GotoIf(${REGEX("^2[0-9][0-9]$" ${SWF_HTTP_STATUS})}?success)',
      'GotoIf($["${SWF_HTTP_STATUS}" = "" & ${SWF_HTTP_MS} >= 3000]?timeout)',
      '(failure) Goto(swf-f-to-failure,s,1)',
      '(timeout) Goto(swf-f-to-timeout,s,1)',
      '(success) GotoIf(${ISNULL(${SWF_HTTP:3000:1})}?mapping)',
      'Set(SWF_HTTP=)',
      '(mapping) Set(SWF_HTTP_FIELD=${JSON_DECODE(SWF_HTTP,customer.tier)})',
      `Set(TIER=\${REPLACE(SWF_HTTP_FIELD,${MAPPED_DROPPED})})`,
      'Goto(swf-f-to-success,s,1)',
    ]);
  });

  it('POST: body values JSON-escaped by name, the body as CURL\'s last argument; an unconnected timeout takes failure', () => {
    const { s } = compileNode(
      { id: 'h', type: 'HttpRequest', params: { method: 'POST', url: 'http://127.0.0.1:8080/x', body: '{"c":"${CALLERID}","n":"${N}"}' } },
      ['success', 'failure'],
    );
    expect(s).toContain('Set(SWF_HTTP_REQUEST=http://127.0.0.1:8080/x,{"c":"${SWF_HTTP_JSON_CALLERID}","n":"${SWF_HTTP_JSON_N}"})');
    const json = (name: string, source: string) => [
      `Set(${name}=\${REPLACE(${source},${CONTROL})})`,
      `Set(${name}=\${STRREPLACE(${name},\\\\,\\\\\\\\)})`,
      `Set(${name}=\${STRREPLACE(${name},\\",\\\\\\")})`,
      `Set(${name}=\${STRREPLACE(${name},\\(,\\\\u0028)})`,
      `Set(${name}=\${STRREPLACE(${name},\\),\\\\u0029)})`,
    ];
    const [first, ...rest] = json('SWF_HTTP_JSON_CALLERID', 'SWF_HTTP_CALLER');
    expect(s.slice(9, 21)).toEqual([
      '(request) Set(SWF_HTTP_CALLER=${CALLERID(num)})',
      'Set(SWF_HTTP_CALLER=${SWF_HTTP_CALLER:0:${IF(${ISNULL(${SWF_HTTP_CALLER:254:1})}?254:0)}})',
      first,
      ...rest,
      ...json('SWF_HTTP_JSON_N', 'N'),
    ]);
    expect(s.slice(-3)).toEqual(['(failure) Goto(swf-f-to-failure,s,1)', '(timeout) Goto(swf-f-to-failure,s,1)', '(success) Goto(swf-f-to-success,s,1)']);
  });

  it('never puts a reference itself into CURL(), a function argument or $[...]: only Set() copies it as it is', () => {
    const { s } = compileNode(
      {
        id: 'h',
        type: 'HttpRequest',
        params: { method: 'POST', url: 'http://h/x/${A}?c=${CALLERID}', body: '{"c":"${CALLERID}","a":"${A}"}', responseMapping: [{ variable: 'B', path: 'b' }] },
      },
      ['success', 'failure'],
    );
    const raw = s.filter((line) => /\$\{(A|B|CALLERID\(num\))\}/.test(line));
    expect(raw).toEqual(['(request) Set(SWF_HTTP_CALLER=${CALLERID(num)})']);
  });
});

describe('flow versions in the trace', () => {
  const flow = makeFlow('f', [{ id: 'start', type: 'Start' }, { id: 'bye', type: 'Hangup' }], [['start', 'next', 'bye']]);

  it('adds version: <n> to SWFlowNode for the flows given, nothing otherwise', () => {
    const { ir } = compileOk([flow], { flowVersions: { f: 7 } });
    expect(steps(contextNamed(ir, 'swf-f-bye'))[0]).toBe('UserEvent(SWFlowNode,flow: f,node: bye,version: 7)');
    expect(steps(contextNamed(compileOk([flow]).ir, 'swf-f-bye'))[0]).toBe('UserEvent(SWFlowNode,flow: f,node: bye)');
  });

  it('refuses a version that is not a whole number from 1', () => {
    expect(() => compileOk([flow], { flowVersions: { f: 0 } })).toThrow('flowVersions["f"] is 0; a flow version is a whole number from 1');
  });
});
