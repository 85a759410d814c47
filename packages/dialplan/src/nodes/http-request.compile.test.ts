import { describe, expect, it } from 'vitest';
import { compileNode, compileOk, contextNamed, makeFlow, steps } from '../testing.js';

const FILTER = '\\x20-\\x21\\x23\\x25-\\x2b\\x2d-\\x3a\\x3c-\\x5a\\x5e-\\x7a\\x7e\\x80-\\xff';

describe('compileHttpRequest', () => {
  it('GET: CURL with the status line, the outcome from the status and the time taken, then the mapping', () => {
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
    expect(s).toEqual([
      'UserEvent(SWFlowNode,flow: f,node: lookup)',
      'Set(CURLOPT(header)=1)',
      'Set(CURLOPT(httptimeout)=3)',
      'Set(CURLOPT(conntimeout)=3)',
      'GotoIf($["${SWF_HTTP_HEADERS}" = "1"]?request)',
      'Set(CURLOPT(httpheader)=Content-Type: application/json)',
      'Set(CURLOPT(httpheader)=Expect:)',
      'Set(SWF_HTTP_HEADERS=1)',
      '(request) Set(SWF_HTTP_T0=${STRFTIME(,,%s%3q)})',
      'Set(SWF_HTTP=${CURL(https://crm.example.com/c/${URIENCODE(${CUSTOMER})}?phone=${URIENCODE(${CALLERID(num)})})})',
      'Set(SWF_HTTP_MS=$[${STRFTIME(,,%s%3q)} - ${SWF_HTTP_T0}])',
      'Set(SWF_HTTP_STATUS=${CUT(SWF_HTTP, ,2)})',
      'Set(SWF_HTTP=${STRREPLACE(SWF_HTTP,${SPRINTF(%c%c%c%c,13,10,13,10)},${SPRINTF(%c,1)},1)})',
      'Set(SWF_HTTP=${CUT(SWF_HTTP,${SPRINTF(%c,1)},2-)})',
      'GotoIf(${REGEX("^2[0-9][0-9]$" ${SWF_HTTP_STATUS})}?success)',
      'GotoIf($["${SWF_HTTP_STATUS}" = "" & ${SWF_HTTP_MS} >= 3000]?timeout)',
      '(failure) Goto(swf-f-to-failure,s,1)',
      '(timeout) Goto(swf-f-to-timeout,s,1)',
      '(success) ExecIf($[${LEN(${SWF_HTTP})} > 3000]?Set(SWF_HTTP=))',
      `Set(TIER=\${FILTER(${FILTER},\${JSON_DECODE(SWF_HTTP,customer.tier)})})`,
      'Goto(swf-f-to-success,s,1)',
    ]);
  });

  it('POST: the body after the URL, values as they are; an unconnected timeout takes failure', () => {
    const { s } = compileNode(
      { id: 'h', type: 'HttpRequest', params: { method: 'POST', url: 'http://127.0.0.1:8080/x', body: '{"c":"${CALLERID}","n":${N}}' } },
      ['success', 'failure'],
    );
    expect(s).toContain('Set(SWF_HTTP=${CURL(http://127.0.0.1:8080/x,{"c":"${CALLERID(num)}","n":${N}})})');
    expect(s.slice(-3)).toEqual(['(failure) Goto(swf-f-to-failure,s,1)', '(timeout) Goto(swf-f-to-failure,s,1)', '(success) Goto(swf-f-to-success,s,1)']);
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
