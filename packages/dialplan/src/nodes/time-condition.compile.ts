import { germanHolidays, HOLIDAY_YEARS, TIME_CONDITION_PRECEDENCE, type NodeOf, type TimeLayer } from '@stumpfworks/flow';
import { DialplanError } from '../errors.js';
import { app, labelled, type DialplanContext, type DialplanPriority } from '../ir.js';
import { closedDaysContext } from '../names.js';
import { follow, nodeContextOf, type ExtraContext, type NodeScope } from '../node-scope.js';

type TimeConditionParams = NodeOf<'TimeCondition'>['params'];

/**
 * TimeCondition: the clock is `SWF_NOW` (epoch seconds) when set, else `${EPOCH}`, read with
 * STRFTIME in the node's time zone (so daylight saving time is Asterisk's zone data, as in the
 * simulator). The checks run in the order of TIME_CONDITION_PRECEDENCE, first match wins:
 * special dates compare the date `YYYYMMDD` and HHMM as numbers; closed dates and holidays are
 * extensions `YYYYMMDD` of a second context, looked up with DIALPLAN_EXISTS; weekly rules compare
 * the weekday and HHMM (`24:00` is 2400), a rule across midnight as two ranges.
 */
export function compileTimeCondition(scope: NodeScope<NodeOf<'TimeCondition'>>): DialplanContext[] {
  const { flowId, node } = scope;
  const { timezone } = node.params;
  // The schema accepts any zone Intl knows; IANA names never hold a comma or other separators.
  if (!/^[A-Za-z0-9_+\-/]+$/.test(timezone)) throw new DialplanError('unsafe-text', `time zone ${JSON.stringify(timezone)}`);
  const closedDays = closedDaysOf(node.params);
  const closedContext = closedDaysContext(flowId, node.id);
  const checks: Record<TimeLayer, DialplanPriority[]> = {
    specialDates: specialDateChecks(node.params),
    // Closed dates are special dates, looked up together with the holidays: both close the whole
    // day, and validation keeps a closed date out of the special dates with hours, checked before.
    holidays: closedDays.length > 0 ? [app('GotoIf', `\${DIALPLAN_EXISTS(${closedContext},\${SWF_D},1)}?closed`)] : [],
    weekly: weeklyChecks(node.params),
  };
  const steps: DialplanPriority[] = [
    app('Set', 'SWF_T=${IF($["${SWF_NOW}" = ""]?${EPOCH}:${SWF_NOW})}'),
    app('Set', `SWF_WD=\${STRFTIME(\${SWF_T},${timezone},%u)}`),
    app('Set', `SWF_D=\${STRFTIME(\${SWF_T},${timezone},%Y%m%d)}`),
    app('Set', `SWF_HM=\${STRFTIME(\${SWF_T},${timezone},%H%M)}`),
    ...TIME_CONDITION_PRECEDENCE.flatMap(({ layer }) => checks[layer]),
    ...labelled('closed', follow(scope, 'closed')),
    ...labelled('open', follow(scope, 'open')),
  ];

  const contexts = [nodeContextOf(scope, steps)];
  if (closedDays.length > 0) {
    contexts.push({
      name: closedContext,
      comments: [`closed days of node ${node.id}: looked up with DIALPLAN_EXISTS, never run`],
      extensions: closedDays.map((day) => ({ name: day.exten, priorities: [{ ...app('NoOp'), comment: day.why }] })),
    });
  }
  return contexts;
}

/** Per special date: a GotoIf to `open` per hours range on its dates, then one to `closed` for the rest of them. */
function specialDateChecks(params: TimeConditionParams): DialplanPriority[] {
  return params.specialDates.flatMap((special) => {
    const first = yyyymmdd(special.date);
    const last = yyyymmdd(special.until ?? special.date);
    const dates = first === last ? `\${SWF_D} = ${first}` : `\${SWF_D} >= ${first} & \${SWF_D} <= ${last}`;
    const what = `special date ${special.date}${special.until ? ` to ${special.until}` : ''}`;
    return [
      ...special.open.map((h) => ({
        ...app('GotoIf', `$[${dates} & \${SWF_HM} >= ${hhmm(h.from)} & \${SWF_HM} < ${hhmm(h.to)}]?open`),
        comment: `${what} ${h.from}-${h.to}`,
      })),
      { ...app('GotoIf', `$[${dates}]?closed`), comment: special.open.length > 0 ? `${what}, other times` : `${what}, closed` },
    ];
  });
}

/** Per weekly rule one GotoIf to `open`; a rule across midnight two: its evening, and the morning of the days after. */
function weeklyChecks(params: TimeConditionParams): DialplanPriority[] {
  return params.weekly.flatMap((rule) => {
    const comment = `days ${rule.days.join(' ')} ${rule.from}-${rule.to}`;
    const from = hhmm(rule.from);
    const to = hhmm(rule.to);
    if (from < to) return [{ ...app('GotoIf', `$[${anyDay(rule.days)} & \${SWF_HM} >= ${from} & \${SWF_HM} < ${to}]?open`), comment }];
    const evening = { ...app('GotoIf', `$[${anyDay(rule.days)} & \${SWF_HM} >= ${from}]?open`), comment: `${comment}, until midnight` };
    // `to` 00:00 leaves nothing after midnight.
    if (to === 0) return [evening];
    const nextDays = rule.days.map((day) => (day % 7) + 1);
    return [evening, { ...app('GotoIf', `$[${anyDay(nextDays)} & \${SWF_HM} < ${to}]?open`), comment: `${comment}, after midnight` }];
  });
}

/** `(${SWF_WD} = 1 | ${SWF_WD} = 5)`, each weekday once, in order. */
function anyDay(days: number[]): string {
  return `(${[...new Set(days)].sort((a, b) => a - b).map((day) => `\${SWF_WD} = ${day}`).join(' | ')})`;
}

/** `2026-12-31` -> `20261231`. */
function yyyymmdd(date: string): string {
  return date.replaceAll('-', '');
}

/** The closed-days context, when the node has closed days. */
export function timeConditionContexts(flowId: string, node: NodeOf<'TimeCondition'>): ExtraContext[] {
  return closedDaysOf(node.params).length > 0 ? [{ name: closedDaysContext(flowId, node.id), what: 'closed days' }] : [];
}

/** `08:30` -> 830, `24:00` -> 2400. */
export function hhmm(time: string): number {
  return Number(time.replace(':', ''));
}

/** Closed dates and holidays as `YYYYMMDD`, sorted, each once (a closed date wins over a holiday's name). */
export function closedDaysOf(params: TimeConditionParams): { exten: string; why: string }[] {
  const days = new Map<string, string>();
  for (const date of params.closedDates) days.set(yyyymmdd(date), 'closed date');
  if (params.holidays !== null) {
    for (let year = HOLIDAY_YEARS.from; year <= HOLIDAY_YEARS.to; year++) {
      for (const holiday of germanHolidays(year, params.holidays)) {
        const exten = yyyymmdd(holiday.date);
        if (!days.has(exten)) days.set(exten, holiday.name.de);
      }
    }
  }
  return [...days].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([exten, why]) => ({ exten, why }));
}
