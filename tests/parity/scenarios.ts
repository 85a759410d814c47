/**
 * Which flows the parity suite calls, at which instants and from which caller. Time conditions are
 * tested by injecting the instant on both sides (the simulator's clock, the dialplan's SWF_NOW).
 */
export interface Scenario {
  flowId: string;
  /** Why this instant matters. */
  label: string;
  at: string;
  callerId: string;
  /**
   * Every path calls from its own number (`callerId` + the path's index), so the suite's web
   * service can tell the calls' HTTP requests apart (they carry `${CALLERID}`). Only for flows
   * that do not branch on the caller ID.
   */
  callerIdPerPath?: boolean;
  /**
   * Hand-written paths (script tokens, comma-separated) besides the enumerated ones, for what path
   * enumeration never tries: keys typed past a complete menu entry (`12` at a menu of single keys).
   */
  scripts?: string[];
}

const CALLER = '017612345678';

export const scenarios: Scenario[] = [
  { flowId: 'musterfirma', label: 'Wednesday 10:00, open', at: '2026-06-03T10:00:00+02:00', callerId: CALLER },
  { flowId: 'musterfirma', label: 'Wednesday 19:30, closed', at: '2026-06-03T19:30:00+02:00', callerId: CALLER },
  { flowId: 'musterfirma', label: 'Fronleichnam (BY holiday), closed', at: '2026-06-04T10:00:00+02:00', callerId: CALLER },
  { flowId: 'musterfirma', label: 'Christmas Eve (closed date)', at: '2026-12-24T10:00:00+01:00', callerId: CALLER },
  { flowId: 'musterfirma', label: 'Saturday 10:00, closed', at: '2026-06-06T10:00:00+02:00', callerId: CALLER },
  { flowId: 'musterfirma', label: 'Monday after DST starts, 07:59, closed', at: '2026-03-30T07:59:00+02:00', callerId: CALLER },
  { flowId: 'musterfirma', label: 'Monday after DST starts, 08:00, open', at: '2026-03-30T08:00:00+02:00', callerId: CALLER },
  { flowId: 'musterfirma', label: 'Easter Monday 2027, closed', at: '2027-03-29T11:00:00+02:00', callerId: CALLER },
  // Opening hours as admins write them: a night window across midnight, special dates with hours,
  // a date range, and the precedence special date > holiday > weekly hours.
  { flowId: 'opening-hours', label: 'Friday 23:30, night window, open', at: '2026-06-05T23:30:00+02:00', callerId: CALLER },
  { flowId: 'opening-hours', label: 'Saturday 01:59, night window after midnight, open', at: '2026-06-06T01:59:00+02:00', callerId: CALLER },
  { flowId: 'opening-hours', label: 'Saturday 02:00, night window over, closed', at: '2026-06-06T02:00:00+02:00', callerId: CALLER },
  { flowId: 'opening-hours', label: 'Thursday 01:00, no night window on Wednesday, closed', at: '2026-06-11T01:00:00+02:00', callerId: CALLER },
  { flowId: 'opening-hours', label: 'Sunday 01:30 as summer time starts, night window, open', at: '2026-03-29T01:30:00+01:00', callerId: CALLER },
  { flowId: 'opening-hours', label: 'Sunday 03:00 CEST as summer time starts, closed', at: '2026-03-29T03:00:00+02:00', callerId: CALLER },
  { flowId: 'opening-hours', label: 'Sunday 01:30 CEST as winter time starts, open', at: '2026-10-25T01:30:00+02:00', callerId: CALLER },
  { flowId: 'opening-hours', label: 'Sunday second 02:30 (CET) as winter time starts, closed', at: '2026-10-25T02:30:00+01:00', callerId: CALLER },
  { flowId: 'opening-hours', label: '31 December 12:59, special hours, open', at: '2026-12-31T12:59:00+01:00', callerId: CALLER },
  { flowId: 'opening-hours', label: '31 December 13:00, closed from 13:00', at: '2026-12-31T13:00:00+01:00', callerId: CALLER },
  { flowId: 'opening-hours', label: 'company holidays, Tuesday 10:00, closed', at: '2026-08-11T10:00:00+02:00', callerId: CALLER },
  { flowId: 'opening-hours', label: 'company holidays last day, Friday 23:00, special date over night window, closed', at: '2026-08-21T23:00:00+02:00', callerId: CALLER },
  { flowId: 'opening-hours', label: 'Saturday 01:00 after company holidays, night window, open', at: '2026-08-22T01:00:00+02:00', callerId: CALLER },
  { flowId: 'opening-hours', label: 'Fronleichnam 11:00, special date over holiday, open', at: '2026-06-04T11:00:00+02:00', callerId: CALLER },
  { flowId: 'opening-hours', label: 'Fronleichnam 15:00, special date, closed', at: '2026-06-04T15:00:00+02:00', callerId: CALLER },
  { flowId: 'opening-hours', label: 'Christmas Day Friday 23:00, holiday over night window, closed', at: '2026-12-25T23:00:00+01:00', callerId: CALLER },
  { flowId: 'opening-hours', label: 'Christmas Eve 10:00, closed date, closed', at: '2026-12-24T10:00:00+01:00', callerId: CALLER },
  { flowId: 'language-choice', label: 'any time', at: '2026-06-03T10:00:00+02:00', callerId: CALLER },
  { flowId: 'support-queue', label: 'any time', at: '2026-06-03T10:00:00+02:00', callerId: CALLER },
  { flowId: 'account-routing', label: 'any time', at: '2026-06-03T10:00:00+02:00', callerId: '+4989123456' },
  { flowId: 'conference-room', label: 'any time', at: '2026-06-03T10:00:00+02:00', callerId: CALLER },
  {
    flowId: 'order-status',
    label: 'any time',
    at: '2026-06-03T10:00:00+02:00',
    callerId: CALLER,
    // Keys typed past a one-key entry: `12` is key 1 at once (the 2 comes during the Play after it,
    // which reads no keys), `21` is key 2 (the 1 comes while the Dial rings).
    scripts: ['71234,12', '71234,21,answer:1002'],
  },
  // A sub-flow that returns (CallFlow/Return), in the caller's language; and the same sub-flow
  // called directly, where its Return has no caller and hangs up.
  { flowId: 'members-line', label: 'any time', at: '2026-06-03T10:00:00+02:00', callerId: CALLER },
  { flowId: 'pin-check', label: 'any time', at: '2026-06-03T10:00:00+02:00', callerId: CALLER },
  { flowId: 'customer-lookup', label: 'any time', at: '2026-06-03T10:00:00+02:00', callerId: '+49891', callerIdPerPath: true },
];
