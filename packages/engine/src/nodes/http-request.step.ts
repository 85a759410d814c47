import { readsOf, type NodeOf } from '@stumpfworks/flow';
import { assign } from '../effects.js';
import { fillTemplate, httpOutput, mappableBody, requestTooLong, responseField } from '../http.js';
import type { CallEvent, Effect } from '../types.js';
import { nodeStep } from './transition.js';

type HttpRequest = NodeOf<'HttpRequest'>;

/**
 * HttpRequest: the request as an effect; the call waits for `httpResult`. A 2xx response sets
 * each mapped variable to its field of the JSON body and takes `success`; any other response or a
 * failure takes `failure`; no complete response within the timeout takes `timeout` (unconnected:
 * `failure`). Variables are only set on success; a body over HTTP_BODY_LIMIT bytes sets them empty.
 * A request longer than HTTP_REQUEST_LIMIT once filled is not made: `failure` at once.
 */
export const httpRequestStep = nodeStep<HttpRequest>({
  enter: (node, { snapshot }) => {
    const { method, url, body, timeoutSeconds } = node.params;
    const filledUrl = fillTemplate(url, snapshot.vars, snapshot.callerId, 'url');
    const filledBody = method === 'POST' ? fillTemplate(body, snapshot.vars, snapshot.callerId, 'body') : undefined;
    if (requestTooLong(filledUrl, filledBody)) return { kind: 'follow', output: 'failure' };
    return {
      kind: 'wait',
      wait: 'http',
      effects: [{ type: 'httpRequest', method, url: filledUrl, ...(filledBody !== undefined ? { body: filledBody } : {}), timeoutSeconds }],
    };
  },
  waits: ['http'],
  resume: (node, { snapshot }, event) => {
    if (event.type !== 'httpResult') return { kind: 'follow', output: 'failure' };
    const output = httpOutput(event.result);
    if (output !== 'success' || event.result.kind !== 'response') return { kind: 'follow', output };
    let vars = snapshot.vars;
    const effects: Effect[] = [];
    const body = mappableBody(event.result.body);
    for (const { variable, path } of node.params.responseMapping) {
      const assigned = assign(vars, variable, responseField(body, path));
      vars = assigned.vars;
      effects.push(assigned.effect);
    }
    return { kind: 'follow', output, effects, patch: { vars } };
  },
  /**
   * A success with an empty JSON object (every mapped variable empty), one success per value a
   * node of the flow compares a mapped variable with (the body holds that value at the field's
   * path), a non-2xx response, a failure without response, and a timeout.
   */
  choices: (node, call) => {
    const bodies = node.params.responseMapping.flatMap(({ variable, path }) =>
      readsOf(call.graph.flow, variable).flatMap(({ equals }) =>
        equals === undefined ? [] : [JSON.stringify(path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), equals))],
      ),
    );
    const success = [...new Set(['{}', ...bodies])].map((body): CallEvent => ({ type: 'httpResult', result: { kind: 'response', status: 200, body } }));
    return [...success, { type: 'httpResult', result: { kind: 'response', status: 500, body: '' } }, { type: 'httpResult', result: { kind: 'failure' } }, { type: 'httpResult', result: { kind: 'timeout' } }];
  },
});
