/**
 * `pnpm test:parity`: the differential suite. Every enumerated path of every example flow runs in
 * the simulator and as a real call through the compiled dialplan on the local Asterisk; both must
 * visit the same nodes and end the same way. Ends with
 *   parity: <paths> paths, <mismatches> mismatches, engines: simulator,dialplan
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { enumeratePaths, flowLibrary } from '@stumpfworks/engine';
import { NODE_TYPES, parseFlow, type Flow } from '@stumpfworks/flow';
import { AriClient, channelOf, type AriEvent } from '../support/ari.js';
import { loadLocalAsterisk, probeAsterisk } from '../support/local-asterisk.js';
import { CallDriver, type CallPlan } from './call-driver.js';
import { diffTraces, traceOfTranscript, type Trace } from './compare.js';
import { CALLER_APP, loadFlowsIntoAsterisk, TARGET_APP } from './pbx-setup.js';
import { scenarios } from './scenarios.js';

const MIN_PATHS = 300;
const CONCURRENCY = Number(process.env.PARITY_CONCURRENCY ?? 100);
const CALL_TIMEOUT_MS = 240_000;
/** Musterfirma's menus loop; these bounds keep its paths to a few hundred while covering every node. */
const BOUNDS: Record<string, { maxEvents: number; maxVisitsPerNode: number }> = {
  musterfirma: { maxEvents: 4, maxVisitsPerNode: 2 },
};

interface Case {
  plan: CallPlan;
  label: string;
  expected: Trace;
}

function loadExamples(): Flow[] {
  const dir = join(import.meta.dirname, '..', '..', 'examples');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.flow.json'))
    .sort()
    .map((f) => {
      const result = parseFlow(readFileSync(join(dir, f), 'utf8'));
      if (!result.ok) throw new Error(`${f}: ${JSON.stringify(result.problems)}`);
      return result.flow;
    });
}

function buildCases(flows: Flow[]): Case[] {
  const library = flowLibrary(flows);
  const cases: Case[] = [];
  for (const scenario of scenarios) {
    const flow = library.get(scenario.flowId);
    const start = flow?.nodes.find((n) => n.type === 'Start');
    if (!flow || start?.type !== 'Start' || !start.params.number) throw new Error(`scenario flow ${scenario.flowId} has no number`);
    const at = new Date(scenario.at);
    const { paths } = enumeratePaths(library, flow.id, { at, callerId: scenario.callerId, ...BOUNDS[flow.id] });
    for (const path of paths) {
      cases.push({
        label: `${flow.id} @ ${scenario.label}: ${path.events.join(',') || '(no input)'}`,
        plan: { index: cases.length, number: start.params.number, at, callerId: scenario.callerId, events: path.events },
        expected: traceOfTranscript(path.transcript),
      });
    }
  }
  return cases;
}

async function runAll(ari: AriClient, cases: Case[]): Promise<Array<{ c: Case; actual: Trace; problems: string[] }>> {
  const drivers = new Map<number, CallDriver>();
  ari.on('StasisStart', (event) => {
    if (event.application !== TARGET_APP) return;
    const [extension = '', index = ''] = (event as { args?: string[] }).args ?? [];
    drivers.get(Number(index))?.onTarget(event.channel.id, extension);
  });
  const route = (event: AriEvent) => {
    // With subscribeAll, each event comes once per app on the socket: read the caller app's copy.
    if (event.application !== CALLER_APP) return;
    const match = /^parity-(\d+)-flow$/.exec(channelOf(event)?.id ?? '');
    if (match) drivers.get(Number(match[1]))?.onFlowEvent(event);
  };
  for (const type of ['ChannelUserevent', 'ChannelDialplan', 'ChannelDestroyed'] as const) ari.on(type, route);

  const results: Array<{ c: Case; actual: Trace; problems: string[] }> = [];
  let next = 0;
  let finished = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      const driver = new CallDriver(ari, c.plan, CALL_TIMEOUT_MS);
      drivers.set(c.plan.index, driver);
      try {
        await driver.start();
        const result = await driver.done;
        results.push({ c, actual: result, problems: result.problems });
      } catch (error) {
        results.push({ c, actual: { visits: [], end: undefined }, problems: [`originate: ${(error as Error).message}`] });
      }
      drivers.delete(c.plan.index);
      if (++finished % 50 === 0) console.log(`  ${finished}/${cases.length} calls done`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, cases.length) }, worker));
  return results.sort((a, b) => a.c.plan.index - b.c.plan.index);
}

/** Which node types and nodes the real calls visited, so a shrinking suite is noticed. */
function coverage(flows: Flow[], traces: Trace[]): string {
  const visited = new Set(traces.flatMap((t) => t.visits));
  const nodes = flows.flatMap((f) => f.nodes.map((n) => ({ key: `${f.id}/${n.id}`, type: n.type })));
  const types = new Set(nodes.filter((n) => visited.has(n.key)).map((n) => n.type));
  const missed = nodes.filter((n) => !visited.has(n.key)).map((n) => n.key);
  return `visited ${nodes.length - missed.length}/${nodes.length} nodes, ${types.size}/${NODE_TYPES.length} node types${
    missed.length ? ` (never: ${missed.join(', ')})` : ''
  }`;
}

async function main(): Promise<number> {
  const flows = loadExamples();
  const filter = process.env.PARITY_FILTER;
  const cases = buildCases(flows)
    .filter((c) => !filter || c.label.includes(filter))
    .map((c, index) => ({ ...c, plan: { ...c.plan, index } }));
  const asterisk = loadLocalAsterisk();
  const down = await probeAsterisk(asterisk);
  if (down) {
    console.error(`${down}\nThe parity suite needs the local Asterisk: run it through npm test, or start one with pnpm asterisk start.`);
    return 1;
  }
  console.log(`parity: ${cases.length} paths from ${scenarios.length} scenarios; loading ${flows.length} flows into Asterisk`);
  await loadFlowsIntoAsterisk(asterisk, flows);
  const ari = await AriClient.connect(`${CALLER_APP},${TARGET_APP}`, asterisk);
  const started = Date.now();
  let results;
  try {
    results = await runAll(ari, cases);
  } finally {
    await ari.close();
  }
  const mismatches = results.flatMap(({ c, actual, problems }) => {
    const diff = diffTraces(c.expected, actual);
    return diff || problems.length ? [`${c.label}\n    ${[diff, ...problems].filter(Boolean).join('\n    ')}`] : [];
  });
  for (const m of mismatches.slice(0, 40)) console.log(`MISMATCH ${m}`);
  console.log(`parity: ${coverage(flows, results.map((r) => r.actual))}`);
  if (mismatches.length > 40) console.log(`... and ${mismatches.length - 40} more`);
  console.log(`parity: ${cases.length} calls in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`parity: ${results.length} paths, ${mismatches.length} mismatches, engines: simulator,dialplan`);
  if (results.length < MIN_PATHS) console.log(`parity: fewer than ${MIN_PATHS} paths`);
  return mismatches.length === 0 && results.length >= MIN_PATHS ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
