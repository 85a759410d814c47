import { CALLER_ID_REFERENCE, CALLER_NUMBER_MAX_BYTES, HTTP_BODY_LIMIT, HTTP_REQUEST_LIMIT, templateReferences, type NodeOf } from '@stumpfworks/flow';
import { app, labelled, type DialplanContext, type DialplanPriority } from '../ir.js';
import { follow, nodeContextOf, type NodeScope } from '../node-scope.js';
import { copyWithout, jsonStringSteps, MAPPED_DROPPED_CHARS, urlValueSteps } from '../safe-values.js';

/** Channel variables of the HTTP request node (SWF_* names are reserved for the engines). */
export const HTTP_VARS = {
  /** The raw answer (status line, headers, body), then the body alone. */
  response: 'SWF_HTTP',
  status: 'SWF_HTTP_STATUS',
  startedMs: 'SWF_HTTP_T0',
  elapsedMs: 'SWF_HTTP_MS',
  /** Set once the channel's CURL headers are in place (CURLOPT(httpheader) adds, never replaces). */
  headers: 'SWF_HTTP_HEADERS',
  /** A response field before it is cleaned into its flow variable. */
  field: 'SWF_HTTP_FIELD',
  /** The filled request: the URL, and for POST a comma and the body (CURL()'s arguments). */
  request: 'SWF_HTTP_REQUEST',
  /** The caller number, or empty when it is too long to be read whole. */
  caller: 'SWF_HTTP_CALLER',
} as const;

const NOW_MS = '${STRFTIME(,,%s%3q)}';

/** Where the dialplan reads a template reference from: `${CALLERID}` from SWF_HTTP_CALLER (`callerNumberSteps`), others the flow variable. */
const sourceOf = (name: string) => (name === CALLER_ID_REFERENCE ? HTTP_VARS.caller : name);

/**
 * SWF_HTTP_CALLER = the caller number, or empty when it has more than CALLER_NUMBER_MAX_BYTES:
 * CALLERID(num) reads at most 255 bytes, so a longer number would arrive cut (the engine sends
 * such a number as empty too). Only its byte after the limit is looked at, by substring.
 */
export function callerNumberSteps(): DialplanPriority[] {
  const v = HTTP_VARS.caller;
  const keep = `\${IF(\${ISNULL(\${${v}:${CALLER_NUMBER_MAX_BYTES}:1})}?${CALLER_NUMBER_MAX_BYTES}:0)}`;
  return [app('Set', `${v}=\${CALLERID(num)}`), app('Set', `${v}=\${${v}:0:${keep}}`)];
}
/** The channel variable holding a reference's value prepared for the URL or the body. */
const preparedName = (name: string, where: 'url' | 'body') => `SWF_HTTP_${where === 'url' ? 'URL' : 'JSON'}_${name}`;

/**
 * The template as dialplan text, each reference replaced by its prepared value, and the steps that
 * prepare them (docs/flow-semantics.md, "Hostile input"): in the URL a value is percent-encoded,
 * in the body JSON-escaped, as the engine's `fillTemplate` does it. No value reaches CURL() raw.
 */
function preparedTemplate(template: string, where: 'url' | 'body'): { text: string; steps: DialplanPriority[] } {
  const steps = templateReferences(template).flatMap((name) =>
    where === 'url' ? urlValueSteps(preparedName(name, where), sourceOf(name)) : jsonStringSteps(preparedName(name, where), sourceOf(name)),
  );
  const text = template.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (_match, name: string) => `\${${preparedName(name, where)}}`);
  return { text, steps };
}

/**
 * `variable` = the field at `path` of the body in SWF_HTTP, read by JSON_DECODE() and cleaned of
 * what the engine's `responseField` drops. Both functions read their value by name.
 */
export function mappedFieldSteps(variable: string, path: string): DialplanPriority[] {
  return [app('Set', `${HTTP_VARS.field}=\${JSON_DECODE(${HTTP_VARS.response},${path})}`), copyWithout(variable, HTTP_VARS.field, MAPPED_DROPPED_CHARS)];
}

/**
 * HttpRequest with CURL() (func_curl) and JSON_DECODE() (func_json); measured in
 * tests/asterisk/http-request.test.ts. `CURLOPT(header)` puts the status line and headers in front
 * of the body, so the status is its second word and the body follows the first empty line.
 * A 2xx status is `success`; no answer at all after at least the timeout is `timeout`; anything
 * else (another status, refused, closed, a bad address) is `failure`. CURL knows GET and POST only.
 * Everything the web service sends is hostile: the status word is kept to its digits before any
 * use, the body is only read by name (CUT, STRREPLACE, JSON_DECODE, a substring), and each mapped
 * field loses the characters the engine's `responseField` drops (REPLACE, by name).
 */
export function compileHttpRequest(scope: NodeScope<NodeOf<'HttpRequest'>>): DialplanContext[] {
  const { method, url, body, timeoutSeconds, responseMapping } = scope.node.params;
  const v = HTTP_VARS;
  const target = preparedTemplate(url, 'url');
  const content = method === 'POST' ? preparedTemplate(body, 'body') : undefined;
  // CURL()'s body is its last argument, which Asterisk passes on as it is (JSON with commas included).
  const request = content ? `${target.text},${content.text}` : target.text;
  const mapping = responseMapping.flatMap(({ variable, path }) => mappedFieldSteps(variable, path));
  const steps: DialplanPriority[] = [
    app('Set', 'CURLOPT(header)=1'),
    app('Set', `CURLOPT(httptimeout)=${timeoutSeconds}`),
    app('Set', `CURLOPT(conntimeout)=${timeoutSeconds}`),
    app('GotoIf', `$["\${${v.headers}}" = "1"]?request`),
    // A body is JSON; an empty Expect keeps curl from waiting for "100 Continue" on long bodies.
    app('Set', 'CURLOPT(httpheader)=Content-Type: application/json'),
    app('Set', 'CURLOPT(httpheader)=Expect:'),
    app('Set', `${v.headers}=1`),
    ...labelled('request', [
      ...([url, body].some((template) => templateReferences(template).includes(CALLER_ID_REFERENCE)) ? callerNumberSteps() : []),
      ...target.steps,
      ...(content?.steps ?? []),
      app('Set', `${v.request}=${request}`),
    ]),
    // Asterisk would cut a longer request (and cuts every copy at about 4,090 bytes): not sent, failure.
    app('GotoIf', `\${ISNULL(\${${v.request}:${HTTP_REQUEST_LIMIT}:1})}?send`),
    app('Goto', 'failure'),
    ...labelled('send', [app('Set', `${v.startedMs}=${NOW_MS}`)]),
    app('Set', `${v.response}=\${CURL(\${${v.request}})}`),
    app('Set', `${v.elapsedMs}=$[${NOW_MS} - \${${v.startedMs}}]`),
    // Only digits: the web service writes the status line, and the status goes into $[...] below.
    app('Set', `${v.status}=\${FILTER(0-9,\${CUT(${v.response}, ,2)})}`),
    // The body: what follows the first CR LF CR LF (replaced by \x01, which JSON never contains).
    app('Set', `${v.response}=\${STRREPLACE(${v.response},\${SPRINTF(%c%c%c%c,13,10,13,10)},\${SPRINTF(%c,1)},1)}`),
    app('Set', `${v.response}=\${CUT(${v.response},\${SPRINTF(%c,1)},2-)}`),
    app('GotoIf', `\${REGEX("^2[0-9][0-9]$" \${${v.status}})}?success`),
    app('GotoIf', `$["\${${v.status}}" = "" & \${${v.elapsedMs}} >= ${timeoutSeconds * 1000}]?timeout`),
    ...labelled('failure', follow(scope, 'failure')),
    ...labelled('timeout', follow(scope, 'timeout')),
    ...labelled('success', [
      // A longer body may be cut off (Asterisk reads about 4,000 bytes): its fields are empty, as in the
      // engine. Its byte after HTTP_BODY_LIMIT, one character, is all of it that goes into a function.
      ...(mapping.length > 0
        ? [app('GotoIf', `\${ISNULL(\${${v.response}:${HTTP_BODY_LIMIT}:1})}?mapping`), app('Set', `${v.response}=`), ...labelled('mapping', mapping)]
        : []),
      ...follow(scope, 'success'),
    ]),
  ];
  return [nodeContextOf(scope, steps)];
}
