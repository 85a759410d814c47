/**
 * The hostile-caller scenario's calls (which value calls how, and what the web service answers),
 * and what each should do: the simulator's trace and requests for the caller ID Asterisk reported,
 * compared with what the web service received.
 */
import { flowLibrary, simulate, type Effect, type Transcript } from '@stumpfworks/engine';
import type { Flow } from '@stumpfworks/flow';
import { traceOfTranscript, type Trace } from './compare.js';
import { FIRST_BODY, hostileFlowId, SECOND_BODY } from './hostile-flows.js';
import { requestKind, type HostileAnswers, type RecordedRequest } from './hostile-service.js';

export interface HostileCall {
  index: number;
  via: 'local' | 'sip';
  number: string;
  name: string;
  answers: HostileAnswers;
  label: string;
}

/** The keys each request body must have, no more: a value that added one would show here. */
const BODY_KEYS = {
  first: Object.keys(JSON.parse(FIRST_BODY.replace(/\$\{[A-Z]+\}/g, '')) as object),
  second: Object.keys(JSON.parse(SECOND_BODY.replace(/\$\{[A-Z]+\}/g, '')) as object),
};

/** A value for a report line: quoted, long ones shortened. */
export const shown = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...(${value.length})` : value);

/**
 * The calls: each value as caller number over a Local channel and over SIP, with another value as
 * the name; the first answer gives the call a hostile NAME, TIER and LONG (`Anna` for every
 * seventh call, so the equals branch is taken; 2,100 characters of LONG for every tenth, so the
 * second request is too long to be sent; a 500 for every thirteenth), the second answers `{}`.
 * One more Local call from `0301` takes the caller-ID equals branch, and one SIP call through the
 * trunk sends `1000`, the number of a phone on the PBX: identified by the trunk's address first
 * (pjsip.conf endpoint_identifier_order), it is not challenged for that phone's password.
 */
export function hostileCalls(values: string[]): HostileCall[] {
  const n = values.length;
  const answersFor = (i: number): HostileAnswers => ({
    first: {
      status: i % 13 === 5 ? 500 : 200,
      body: JSON.stringify({ name: i % 7 === 0 ? 'Anna' : values[(i + 17) % n], tier: values[(i + 5) % n], long: i % 10 === 3 ? 'x'.repeat(2100) : values[(i + 29) % n] }),
    },
    second: { status: 200, body: '{}' },
  });
  const calls: HostileCall[] = [];
  const add = (via: HostileCall['via'], number: string, name: string, i: number) =>
    calls.push({ index: calls.length, via, number, name, answers: answersFor(i), label: `hostile ${via} #${calls.length} number ${shown(number)} name ${shown(name)}` });
  values.forEach((number, i) => {
    add('local', number, values[(i + 23) % n]!, i);
    add('sip', number, values[(i + 11) % n]!, i + 1);
  });
  add('local', '0301', 'Chef', 0);
  add('sip', '1000', 'Zentrale', 0);
  return calls;
}

/** What the simulator does for the call, given the caller ID Asterisk reported: its trace and its requests (path and query). */
export function expected(flows: Flow[], lane: number, callerId: string, answers: HostileAnswers, origin: string): { trace: Trace; requests: RecordedRequest[] } {
  const library = flowLibrary(flows);
  const tokens: string[] = [];
  let transcript: Transcript = simulate(library, hostileFlowId(lane), tokens, { at: new Date(), callerId });
  const requests = (t: Transcript) => t.effects.filter((e): e is Extract<Effect, { type: 'httpRequest' }> => e.type === 'httpRequest');
  // Each request waits for its answer, chosen by its path as the web service chooses it.
  while (transcript.status === 'waiting' && transcript.waitingFor?.kind === 'http' && tokens.length < 5) {
    const kind = requestKind(requests(transcript).at(-1)?.url ?? '');
    const answer = kind ? answers[kind] : { status: 404, body: '' };
    tokens.push(`http:${answer.status}:${answer.body}`);
    transcript = simulate(library, hostileFlowId(lane), tokens, { at: new Date(), callerId });
  }
  return {
    trace: traceOfTranscript(transcript),
    requests: requests(transcript).map((e) => ({ method: e.method, url: e.url.slice(origin.length), body: e.body ?? '' })),
  };
}

/** The differences between the requests the service got and the simulator's, and any body with keys the template does not have. */
export function compareRequests(got: RecordedRequest[], want: RecordedRequest[]): string[] {
  const problems: string[] = [];
  for (let i = 0; i < Math.max(got.length, want.length); i++) {
    const [g, w] = [got[i], want[i]];
    if (!g || !w) {
      problems.push(`request ${i + 1}: simulator ${w ? `${w.method} ${w.url}` : '(none)'}, received ${g ? `${g.method} ${g.url}` : '(none)'}`);
      continue;
    }
    if (g.method !== w.method || g.url !== w.url) problems.push(`request ${i + 1}: simulator ${w.method} ${w.url}, received ${g.method} ${g.url}`);
    if (g.body !== w.body) problems.push(`request ${i + 1} body: simulator ${JSON.stringify(w.body)}, received ${JSON.stringify(g.body)}`);
    const kind = requestKind(g.url);
    try {
      const keys = Object.keys(JSON.parse(g.body) as object);
      if (kind && JSON.stringify(keys) !== JSON.stringify(BODY_KEYS[kind])) problems.push(`request ${i + 1} body has the keys ${keys.join(',')}`);
    } catch {
      problems.push(`request ${i + 1} body is not JSON: ${JSON.stringify(g.body)}`);
    }
  }
  return problems;
}

