import { germanHolidays, HOLIDAY_YEARS, type NodeOf } from '@stumpfworks/flow';
import { DialplanError } from '../errors.js';
import { app, labelled, type DialplanContext, type DialplanPriority } from '../ir.js';
import { closedDaysContext } from '../names.js';
import { follow, nodeContextOf, type ExtraContext, type NodeScope } from '../node-scope.js';

type TimeConditionParams = NodeOf<'TimeCondition'>['params'];

/**
 * TimeCondition: the clock is `SWF_NOW` (epoch seconds) when set, else `${EPOCH}`, read with
 * STRFTIME in the node's time zone. Closed days (extra dates and the state's holidays for
 * HOLIDAY_YEARS) are extensions `YYYYMMDD` of a second context, looked up with DIALPLAN_EXISTS;
 * weekly rules compare the weekday and HHMM as numbers (`24:00` is 2400).
 */
export function compileTimeCondition(scope: NodeScope<NodeOf<'TimeCondition'>>): DialplanContext[] {
  const { flowId, node } = scope;
  const { timezone, weekly } = node.params;
  // The schema accepts any zone Intl knows; IANA names never hold a comma or other separators.
  if (!/^[A-Za-z0-9_+\-/]+$/.test(timezone)) throw new DialplanError('unsafe-text', `time zone ${JSON.stringify(timezone)}`);
  const closedDays = closedDaysOf(node.params);
  const closedContext = closedDaysContext(flowId, node.id);
  const steps: DialplanPriority[] = [
    app('Set', 'SWF_T=${IF($["${SWF_NOW}" = ""]?${EPOCH}:${SWF_NOW})}'),
    app('Set', `SWF_WD=\${STRFTIME(\${SWF_T},${timezone},%u)}`),
    app('Set', `SWF_D=\${STRFTIME(\${SWF_T},${timezone},%Y%m%d)}`),
    app('Set', `SWF_HM=\${STRFTIME(\${SWF_T},${timezone},%H%M)}`),
  ];
  if (closedDays.length > 0) steps.push(app('GotoIf', `\${DIALPLAN_EXISTS(${closedContext},\${SWF_D},1)}?closed`));
  for (const rule of weekly) {
    const days = [...new Set(rule.days)].sort((a, b) => a - b).map((day) => `\${SWF_WD} = ${day}`);
    const test = `(${days.join(' | ')}) & \${SWF_HM} >= ${hhmm(rule.from)} & \${SWF_HM} < ${hhmm(rule.to)}`;
    steps.push({ ...app('GotoIf', `$[${test}]?open`), comment: `days ${rule.days.join(' ')} ${rule.from}-${rule.to}` });
  }
  steps.push(...labelled('closed', follow(scope, 'closed')), ...labelled('open', follow(scope, 'open')));

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
  for (const date of params.closedDates) days.set(date.replaceAll('-', ''), 'closed date');
  if (params.holidays !== null) {
    for (let year = HOLIDAY_YEARS.from; year <= HOLIDAY_YEARS.to; year++) {
      for (const holiday of germanHolidays(year, params.holidays)) {
        const exten = holiday.date.replaceAll('-', '');
        if (!days.has(exten)) days.set(exten, holiday.name.de);
      }
    }
  }
  return [...days].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([exten, why]) => ({ exten, why }));
}
