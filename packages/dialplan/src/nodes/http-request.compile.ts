import { CALLER_ID_REFERENCE, HTTP_BODY_LIMIT, type NodeOf } from '@stumpfworks/flow';
import { app, labelled, type DialplanContext, type DialplanPriority } from '../ir.js';
import { follow, nodeContextOf, type NodeScope } from '../node-scope.js';

/** Channel variables of the HTTP request node (SWF_* names are reserved for the engines). */
export const HTTP_VARS = {
  /** The raw answer (status line, headers, body), then the body alone. */
  response: 'SWF_HTTP',
  status: 'SWF_HTTP_STATUS',
  startedMs: 'SWF_HTTP_T0',
  elapsedMs: 'SWF_HTTP_MS',
  /** Set once the channel's CURL headers are in place (CURLOPT(httpheader) adds, never replaces). */
  headers: 'SWF_HTTP_HEADERS',
} as const;

/**
 * What a mapped value keeps (FILTER() ranges): printable ASCII but `" $ , ; [ \ ] { | }`, and
 * every byte of a non-ASCII character. The same rule as the engine's `responseField`.
 */
export const MAPPED_VALUE_CHARS = '\\x20-\\x21\\x23\\x25-\\x2b\\x2d-\\x3a\\x3c-\\x5a\\x5e-\\x7a\\x7e\\x80-\\xff';

const NOW_MS = '${STRFTIME(,,%s%3q)}';

/** A template with `${NAME}` references as dialplan text: `${CALLERID}` is `CALLERID(num)`, URL values go through URIENCODE(). */
function dialplanTemplate(template: string, where: 'url' | 'body'): string {
  return template.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (_match, name: string) => {
    const value = name === CALLER_ID_REFERENCE ? '${CALLERID(num)}' : `\${${name}}`;
    return where === 'url' ? `\${URIENCODE(${value})}` : value;
  });
}

/**
 * HttpRequest with CURL() (func_curl) and JSON_DECODE() (func_json); measured in
 * tests/asterisk/http-request.test.ts. `CURLOPT(header)` puts the status line and headers in front
 * of the body, so the status is its second word and the body follows the first empty line.
 * A 2xx status is `success`; no answer at all after at least the timeout is `timeout`; anything
 * else (another status, refused, closed, a bad address) is `failure`. CURL knows GET and POST only.
 */
export function compileHttpRequest(scope: NodeScope<NodeOf<'HttpRequest'>>): DialplanContext[] {
  const { method, url, body, timeoutSeconds, responseMapping } = scope.node.params;
  const v = HTTP_VARS;
  const request = method === 'POST' ? `${dialplanTemplate(url, 'url')},${dialplanTemplate(body, 'body')}` : dialplanTemplate(url, 'url');
  const steps: DialplanPriority[] = [
    app('Set', 'CURLOPT(header)=1'),
    app('Set', `CURLOPT(httptimeout)=${timeoutSeconds}`),
    app('Set', `CURLOPT(conntimeout)=${timeoutSeconds}`),
    app('GotoIf', `$["\${${v.headers}}" = "1"]?request`),
    // A body is JSON; an empty Expect keeps curl from waiting for "100 Continue" on long bodies.
    app('Set', 'CURLOPT(httpheader)=Content-Type: application/json'),
    app('Set', 'CURLOPT(httpheader)=Expect:'),
    app('Set', `${v.headers}=1`),
    ...labelled('request', [app('Set', `${v.startedMs}=${NOW_MS}`)]),
    app('Set', `${v.response}=\${CURL(${request})}`),
    app('Set', `${v.elapsedMs}=$[${NOW_MS} - \${${v.startedMs}}]`),
    app('Set', `${v.status}=\${CUT(${v.response}, ,2)}`),
    // The body: what follows the first CR LF CR LF (replaced by \x01, which JSON never contains).
    app('Set', `${v.response}=\${STRREPLACE(${v.response},\${SPRINTF(%c%c%c%c,13,10,13,10)},\${SPRINTF(%c,1)},1)}`),
    app('Set', `${v.response}=\${CUT(${v.response},\${SPRINTF(%c,1)},2-)}`),
    app('GotoIf', `\${REGEX("^2[0-9][0-9]$" \${${v.status}})}?success`),
    app('GotoIf', `$["\${${v.status}}" = "" & \${${v.elapsedMs}} >= ${timeoutSeconds * 1000}]?timeout`),
    ...labelled('failure', follow(scope, 'failure')),
    ...labelled('timeout', follow(scope, 'timeout')),
    ...labelled('success', [
      // A longer body may be cut off (Asterisk reads about 4,000 bytes): its fields are empty, as in the engine.
      ...(responseMapping.length > 0 ? [app('ExecIf', `$[\${LEN(\${${v.response}})} > ${HTTP_BODY_LIMIT}]?Set(${v.response}=)`)] : []),
      ...responseMapping.map(({ variable, path }) =>
        app('Set', `${variable}=\${FILTER(${MAPPED_VALUE_CHARS},\${JSON_DECODE(${v.response},${path})})}`),
      ),
      ...follow(scope, 'success'),
    ]),
  ];
  return [nodeContextOf(scope, steps)];
}
