/**
 * (j) The Condition node on the real Asterisk. Conditions compiled by the real compiler run with
 * hostile caller numbers and variables and with generated pattern/value pairs; every answer is
 * compared with the engine's (`step` on the same flow). A canary checks that no part of a value is
 * ever evaluated, and the naive forms show why that matters. Notes: docs/asterisk-notes.md.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileFlows, flowContext } from '@stumpfworks/dialplan';
import { flowLibrary, step, type CallSnapshot } from '@stumpfworks/engine';
import { randomRegexCases, REGEX_CASES, testFlow, type Flow } from '@stumpfworks/flow';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { logOffset, problemLines, readLogSince } from '../support/local-asterisk.js';
import { PROBE_FILES } from './probe-config.js';
import { Probe, type ProbeCall } from './probe.js';

const availability = await detectAsterisk();

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (text: string | undefined) => Buffer.from(text ?? '', 'base64').toString('utf8');

/** How the value reaches the condition: the caller number as originate sets it, set exactly by the dialplan, or a variable. */
type Route = 'originate' | 'caller' | 'variable';

interface Check {
  flow: Flow;
  route: Route;
  value: string;
}

interface Answer {
  /** `yes` (the true branch) or `no`. */
  branch: string;
  /** The caller number on the channel at the condition, as ARI (and so the ARI runtime) sees it. */
  number: string;
}

/** Start → Condition `c` → Hangup `yes` (true) / `no` (false). */
function conditionFlow(id: string, subject: string, operator: 'equals' | 'regex', value: string): Flow {
  return testFlow(
    [
      { id: 's', type: 'Start' },
      { id: 'c', type: 'Condition', params: { subject, operator, value } },
      { id: 'yes', type: 'Hangup' },
      { id: 'no', type: 'Hangup' },
    ],
    ['s.next->c', 'c.true->yes', 'c.false->no'],
    id,
  );
}

/** The engine's branch: its step function entering the condition with this caller ID and variables. */
function engineBranch(flow: Flow, callerId: string, vars: Record<string, string>): string {
  const snapshot: CallSnapshot = { status: 'running', flowId: flow.id, nodeId: 'c', attempts: 0, timeouts: 0, dialIndex: 0, language: 'de', callerId, vars, visits: 0 };
  const { effects } = step(flowLibrary([flow]), snapshot, { type: 'start' }, { now: () => new Date() });
  const end = effects.find((e) => e.type === 'end');
  if (end?.type !== 'end') throw new Error(`the engine did not end the call in ${flow.id}`);
  return end.outcome.nodeId;
}

/** Runs `tasks` with at most `limit` at a time; the results in order. */
async function inBatches<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// ----- the values ---------------------------------------------------------------------------

const CANARY = `swf-canary-${process.pid}-${Date.now()}`;
const CANARY_GLOBAL = 'SWF_CANARY_GLOBAL';

/** Values a caller, a web service or collected digits could bring, with the canaries. */
const HOSTILE = [
  '',
  ' ',
  'anonymous',
  '0891234',
  '0891234 ',
  ' 0891234',
  '0891234):0',
  '0891234):0:7',
  'x):0',
  '0891234)',
  '(0891234',
  '0891234:',
  '0891234!',
  '0891234#',
  '0301"|"1',
  '"|1|"',
  '"',
  '""',
  "'",
  '0891234"',
  'x" = "x',
  '$[1]',
  '$[1+1]',
  '${EXTEN}',
  '${CALLERID(num)}',
  '$',
  '${',
  '}',
  'SHELL(touch /tmp/x)',
  `\${SHELL(touch /tmp/${CANARY}-a)}`,
  `$[\${SHELL(touch /tmp/${CANARY}-b)}]`,
  `$[SHELL(touch /tmp/${CANARY}-c)]`,
  `"|SHELL(touch /tmp/${CANARY}-d)|"`,
  `SHELL(touch /tmp/${CANARY}-e)`,
  `\${EVAL(\${SHELL(touch /tmp/${CANARY}-f)})}`,
  `"|SET(GLOBAL(${CANARY_GLOBAL})=1)|"`,
  `$[SET(GLOBAL(${CANARY_GLOBAL})=1)]`,
  `\${SET(GLOBAL(${CANARY_GLOBAL})=1)}`,
  'LEN(abc)',
  '(', ')', '()', ')(', 'a(b)c', 'a)b(c',
  ',', 'a,b', ',,',
  ';', 'a;b', '0891234;',
  '\\', '\\\\', 'a\\"b', '\\x41',
  '|', '&', 'a|b&c', '1 & 1', '1|1',
  '[', ']', '{', '{0}', ':', '::', 'a:b', '?', '!', '=', '<', '>',
  '+49 (89) 123-45.6',
  '+4989123456',
  '0'.repeat(300),
  '0891234'.repeat(43),
  'a'.repeat(254),
  'a'.repeat(255),
  'ü'.repeat(127),
  'ü'.repeat(128),
  'a'.repeat(1000),
  'a'.repeat(1001),
  'Müller',
  'ü',
  '日本',
  '😀',
  '089\u00a01234',
  'tab\there',
];

/** The admin's values of the equals conditions: the number under attack, and those of HOSTILE a flow can hold. */
const EQUALS_VALUES = ['0891234', '', 'anonymous', 'x):0', 'a(b)c', ':', 'a:b', '0891234!', 'Müller', '0'.repeat(200), 'ü'.repeat(127), 'ü'.repeat(128)];

/** Regex conditions for hostile values: anything, the number under attack, digits. */
const HOSTILE_PATTERNS = ['.*', '0891234', '[0-9]+', '.*0891234.*'];

describeWithAsterisk(availability, 'the Condition node on Asterisk: hostile values and regexes', (asterisk) => {
  let probe: Probe;
  const flows: Flow[] = [];
  const equalsFlows = EQUALS_VALUES.map((value, i) => conditionFlow(`eq-caller-${i}`, 'callerId', 'equals', value));
  const equalsVarFlows = EQUALS_VALUES.map((value, i) => conditionFlow(`eq-var-${i}`, 'V', 'equals', value));
  const hostileRegexFlows = HOSTILE_PATTERNS.map((pattern, i) => conditionFlow(`rx-caller-${i}`, 'callerId', 'regex', pattern));
  const hostileRegexVarFlows = HOSTILE_PATTERNS.map((pattern, i) => conditionFlow(`rx-var-${i}`, 'V', 'regex', pattern));
  const regexPairs = [
    ...REGEX_CASES.map(({ pattern, match, miss }) => ({ pattern, values: [...match, ...miss] })),
    ...randomRegexCases(20261126, 60),
  ];
  const regexFlows = regexPairs.map(({ pattern }, i) => conditionFlow(`rx-${i}`, 'V', 'regex', pattern));
  flows.push(...equalsFlows, ...equalsVarFlows, ...hostileRegexFlows, ...hostileRegexVarFlows, ...regexFlows);

  beforeAll(async () => {
    const compiled = compileFlows(flows);
    if (!compiled.ok) throw new Error(`the probe flows do not compile: ${JSON.stringify(compiled.diagnostics)}`);
    probe = await Probe.start(asterisk, [PROBE_FILES.dialplan, { name: 'extensions.conf', module: 'pbx_config.so', content: compiled.text }]);
    await probe.ari.setGlobal(CANARY_GLOBAL, '');
  });
  afterAll(async () => {
    await probe?.stop();
  });

  /** Places the call for one check and reads the branch it took and the caller number it had. */
  async function dialplanAnswer({ flow, route, value }: Check): Promise<Answer> {
    const entry = flowContext(flow.id);
    let call: ProbeCall;
    if (route === 'caller') call = await probe.call('swf-probe-condition-caller', { variables: { PROBE_CALLER: b64(value), PROBE_FLOW: entry } });
    else if (route === 'originate') call = await probe.call(entry, { callerId: `<${value}>` });
    else call = await probe.call(entry, { variables: { V: value } });
    const visit = await probe.ari.waitFor(
      'ChannelUserevent',
      (e) => e.eventname === 'SWFlowNode' && e.userevent.node === 'c' && e.channel?.id === call.two,
      { since: call.mark },
    );
    const end = await probe.ari.waitFor('ChannelUserevent', (e) => e.eventname === 'SWFlowEnd' && e.channel?.id === call.two, { since: call.mark });
    // The flow hangs up after its end event: wait for that (no listing of all channels and DELETE per call).
    await probe.ended(call);
    return { branch: end.userevent.node ?? '', number: visit.channel?.caller.number ?? '' };
  }

  /**
   * Runs the checks on Asterisk, 20 calls at a time, and lists every one whose branch differs from
   * the engine's, and every WARNING or ERROR Asterisk logged meanwhile (a value that upset a parser).
   * 20: 40 at a time took half as long, but filled the ARI app's queue past its high-water mark of
   * 500 in a full run (a WARNING, so a failure; 80 did every time).
   */
  async function differences(checks: Check[]): Promise<{ differences: string[]; answers: Answer[] }> {
    const log = asterisk.messagesLog;
    if (!log) throw new Error('messages.log is unknown: run through asterisk.sh (connection.json)');
    const offset = logOffset(log);
    const answers = await inBatches(checks, 20, dialplanAnswer);
    const logged = problemLines(readLogSince(log, offset));
    const found: string[] = [];
    checks.forEach((check, i) => {
      const answer = answers[i]!;
      const subjectIsCaller = check.route !== 'variable';
      const engine = engineBranch(check.flow, subjectIsCaller ? answer.number : '', subjectIsCaller ? {} : { V: check.value });
      if (engine !== answer.branch) {
        const condition = check.flow.nodes.find((n) => n.id === 'c')!.params as { operator: string; value: string };
        found.push(`${check.route} ${JSON.stringify(subjectIsCaller ? answer.number : check.value)} ${condition.operator} ${JSON.stringify(condition.value)}: Asterisk ${answer.branch}, engine ${engine}`);
      }
    });
    return { differences: [...found, ...logged], answers };
  }

  it('runs at least 200 pattern/value pairs through REGEX() and the engine without a difference', async () => {
    const checks = regexPairs.flatMap(({ values }, i) => values.map((value): Check => ({ flow: regexFlows[i]!, route: 'variable', value })));
    expect(checks.length).toBeGreaterThanOrEqual(200);
    const { differences: found, answers } = await differences(checks);
    expect(found).toEqual([]);
    // Both answers occur often enough to mean something.
    const yes = answers.filter((a) => a.branch === 'yes').length;
    expect(Math.min(yes, answers.length - yes)).toBeGreaterThan(answers.length / 4);
  }, 240_000);

  it('gives the engine\'s answer for every hostile value, as a variable and as the caller number; nothing is evaluated', async () => {
    // Per value: equals the number under attack, the empty value and "x):0"; regex anything, digits, containing the number.
    const pick = (list: Flow[]) => [list[0]!, list[1]!, list[3]!];
    const varConditions = [...pick(equalsVarFlows), hostileRegexVarFlows[0]!, hostileRegexVarFlows[2]!, hostileRegexVarFlows[3]!];
    const callerConditions = [...pick(equalsFlows), hostileRegexFlows[0]!, hostileRegexFlows[2]!, hostileRegexFlows[3]!];
    const checks: Check[] = [
      ...HOSTILE.flatMap((value) => varConditions.map((flow): Check => ({ flow, route: 'variable', value }))),
      ...HOSTILE.flatMap((value) => callerConditions.map((flow): Check => ({ flow, route: 'caller', value }))),
      ...HOSTILE.flatMap((value) => [equalsFlows[0]!, hostileRegexFlows[0]!].map((flow): Check => ({ flow, route: 'originate', value }))),
      // Every admin value against itself and every pattern against the number: the true branch is reachable.
      ...EQUALS_VALUES.map((value, i): Check => ({ flow: equalsVarFlows[i]!, route: 'variable', value })),
      ...EQUALS_VALUES.map((value, i): Check => ({ flow: equalsFlows[i]!, route: 'caller', value })),
      ...hostileRegexFlows.map((flow): Check => ({ flow, route: 'caller', value: '0891234' })),
    ];
    expect(HOSTILE.length).toBeGreaterThanOrEqual(40);
    const { differences: found, answers } = await differences(checks);
    expect(found).toEqual([]);

    // Setting CALLERID(num) delivered every value unchanged but for blanks and control characters at either end, which it trims.
    const trimmed = (value: string) => value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
    const changed = checks.flatMap((check, i) => (check.route === 'caller' && answers[i]!.number !== trimmed(check.value) ? [check.value] : []));
    expect(changed).toEqual([]);
    // The attacks on 0891234 took the false branch, the number itself and "x):0" against itself the true one.
    const branchOf = (route: Route, flow: Flow, value: string) => answers[checks.findIndex((c) => c.route === route && c.flow === flow && c.value === value)]!.branch;
    for (const attack of ['0891234):0', '0891234):0:7', '0891234!', '0891234#', '0891234"', '0891234;', '0891234:']) {
      expect([attack, branchOf('caller', equalsFlows[0]!, attack), branchOf('variable', equalsVarFlows[0]!, attack)]).toEqual([attack, 'no', 'no']);
    }
    expect([branchOf('caller', equalsFlows[0]!, '0891234'), branchOf('caller', equalsFlows[3]!, 'x):0'), branchOf('variable', equalsVarFlows[1]!, '')]).toEqual(['yes', 'yes', 'yes']);

    // The canaries: no file in the host's /tmp nor in the Asterisk root's, no global set.
    const tmpDirs = ['/tmp', ...(asterisk.asteriskRoot ? [join(asterisk.asteriskRoot, 'tmp')] : [])];
    for (const dir of tmpDirs) {
      expect(existsSync(dir), dir).toBe(true);
      expect(readdirSync(dir).filter((name) => name.startsWith(CANARY))).toEqual([]);
    }
    expect(await probe.ari.getGlobal(CANARY_GLOBAL)).toBe('');
  }, 240_000);

  it('the naive forms: the old equals took the caller\'s branch, $[...] calls functions, a function argument is cut at "):"', async () => {
    const naive = async (value: string) => {
      const call = await probe.call('swf-probe-condition-naive', { variables: { V: value } });
      const fields = await probe.step(call, 'naive');
      await probe.end(call);
      return { old: fields.old, expr: unb64(fields.expr), arg: unb64(fields.arg) };
    };
    expect((await naive('0301"|"1')).old).toBe('yes');
    expect((await naive('"|1|"')).old).toBe('yes');
    expect((await naive('0301234567')).old).toBe('no');
    expect((await naive('LEN(abc)')).expr).toBe('3');
    expect((await naive('0891234):0')).arg).toBe('x0891234');
    expect((await naive('0891234')).arg).toBe('x0891234');
  });
});
