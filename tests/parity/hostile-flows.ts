/**
 * The hostile-caller scenario's flows: one per lane (the lanes run their calls side by side, and
 * the web service tells them apart by the lane in the URL path). Each asks a web service with the
 * caller ID in the URL and the body, branches on the caller ID (equals, regex) and on the
 * variables the service's answer set (equals, regex), and asks again with all of them.
 */
import { testFlow, type Flow } from '@stumpfworks/flow';

/** The first lane's number; lane k is called at `FIRST_NUMBER + k` and reached from the trunk at `DID_PREFIX + k`. */
const FIRST_NUMBER = 7900;
const DID_PREFIX = '4930555000';

export const hostileFlowId = (lane: number): string => `hostile-${lane}`;
export const hostileNumber = (lane: number): string => String(FIRST_NUMBER + lane);
export const hostileDid = (lane: number): string => `${DID_PREFIX}${lane}`;

/** The body of the first request: every reference inside a JSON string, literal parentheses paired. */
export const FIRST_BODY = '{"caller":"${CALLERID}","lane":"${LANE}","note":"Anruf (eingehend)"}';
/** The body of the second request: the variables the first answer set, and the caller ID again. */
export const SECOND_BODY =
  '{"name":"${NAME}","tier":"${TIER}","kind":"${KIND}","who":"${WHO}","word":"${WORD}","caller":"${CALLERID}","long":"${LONG}","again":"${LONG}"}';

/**
 * Lane `lane`'s flow, asking the web service at `origin` (http://127.0.0.1:<port>).
 *
 * start → lane (LANE=<lane>) → first (POST) → is-boss (callerId equals 0301) → boss | digits
 * (callerId regex [+]?[0-9]+) → kind-number | kind-other → named (NAME equals Anna) → who-anna |
 * who-other → tier (TIER regex [a-z]+) → word-yes | word-no → second (POST, the values in the
 * query too) → done; each failure ends at its own Hangup. The SetVariable nodes make every
 * decision visible in the trace and in the second request.
 */
export function hostileFlow(lane: number, origin: string): Flow {
  const base = `${origin}/hostile/${lane}`;
  return testFlow(
    [
      { id: 'start', type: 'Start', params: { number: hostileNumber(lane) } },
      { id: 'lane', type: 'SetVariable', params: { name: 'LANE', value: String(lane) } },
      {
        id: 'first',
        type: 'HttpRequest',
        params: {
          method: 'POST',
          url: `${base}/first?cid=\${CALLERID}`,
          body: FIRST_BODY,
          timeoutSeconds: 10,
          responseMapping: [
            { variable: 'NAME', path: 'name' },
            { variable: 'TIER', path: 'tier' },
            { variable: 'LONG', path: 'long' },
          ],
        },
      },
      { id: 'first-failed', type: 'Hangup' },
      { id: 'is-boss', type: 'Condition', params: { subject: 'callerId', operator: 'equals', value: '0301' } },
      { id: 'boss', type: 'Hangup' },
      { id: 'digits', type: 'Condition', params: { subject: 'callerId', operator: 'regex', value: '[+]?[0-9]+' } },
      { id: 'kind-number', type: 'SetVariable', params: { name: 'KIND', value: 'number' } },
      { id: 'kind-other', type: 'SetVariable', params: { name: 'KIND', value: 'other' } },
      { id: 'named', type: 'Condition', params: { subject: 'NAME', operator: 'equals', value: 'Anna' } },
      { id: 'who-anna', type: 'SetVariable', params: { name: 'WHO', value: 'anna' } },
      { id: 'who-other', type: 'SetVariable', params: { name: 'WHO', value: 'other ${NAME}' } },
      { id: 'tier', type: 'Condition', params: { subject: 'TIER', operator: 'regex', value: '[a-z]+' } },
      {
        id: 'second',
        type: 'HttpRequest',
        params: {
          method: 'POST',
          url: `${base}/second?n=\${NAME}&t=\${TIER}&c=\${CALLERID}&w=\${WHO}`,
          body: SECOND_BODY,
          timeoutSeconds: 10,
        },
      },
      { id: 'word-yes', type: 'SetVariable', params: { name: 'WORD', value: 'yes' } },
      { id: 'word-no', type: 'SetVariable', params: { name: 'WORD', value: 'no' } },
      { id: 'done', type: 'Hangup' },
      { id: 'second-failed', type: 'Hangup' },
    ],
    [
      'start.next->lane',
      'lane.next->first',
      'first.success->is-boss',
      'first.failure->first-failed',
      'is-boss.true->boss',
      'is-boss.false->digits',
      'digits.true->kind-number',
      'digits.false->kind-other',
      'kind-number.next->named',
      'kind-other.next->named',
      'named.true->who-anna',
      'named.false->who-other',
      'who-anna.next->tier',
      'who-other.next->tier',
      'tier.true->word-yes',
      'tier.false->word-no',
      'word-yes.next->second',
      'word-no.next->second',
      'second.success->done',
      'second.failure->second-failed',
    ],
    hostileFlowId(lane),
  );
}
