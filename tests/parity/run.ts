/**
 * `pnpm test:parity`: the differential suite. Every enumerated path of every example flow runs in
 * the simulator and as real calls on the local Asterisk; all must visit the same nodes and end
 * the same way, and take the same side effects as Asterisk reports them (effects.ts). Ends with
 *   parity: <paths> paths, <mismatches> mismatches, engines: simulator,dialplan,ari, side-effects: <k> compared, sip-calls: <s>
 * Every path runs twice as a real call: once with the flows compiled to the dialplan, once with
 * them deployed in `ari` mode and run by the ARI runtime; both traces must equal the simulator's.
 * On each engine, beside its Local calls (after them on SIP_AFTER's), a sample of the paths and each
 * flow's current-time path as real SIP calls through a trunk, keys as RFC 4733 events (sip-paths.ts;
 * `sip-calls: <s>` on the final line); then the hostile-caller scenario (hostile.ts): hostile
 * caller IDs and names as Local channels and as SIP INVITEs through a trunk, with webhooks and
 * conditions; it ends with
 *   parity: hostile: <values> caller IDs and names, <calls> calls per engine, <mismatches> mismatches, canary files: none
 * PARITY_FILTER selects paths and hostile calls by their labels.
 */
import { join, resolve } from 'node:path';
import { NODE_TYPES, type Flow } from '@stumpfworks/flow';
import { AriClient, type AriEvent } from '../support/ari.js';
import { MemoryLogger } from '../../packages/ari-runtime/src/index.js';
import { loadLocalAsterisk, probeAsterisk, type LocalAsterisk } from '../support/local-asterisk.js';
import { CallDriver } from './call-driver.js';
import { diffTraces, type Trace } from './compare.js';
import { channelIdOf, diffEffects, effectsCompared, flowVariables, httpLine, type EffectLog } from './effects.js';
import { canaryName, hostileValues } from '../support/hostile-values.js';
import { hostileCalls } from './hostile-calls.js';
import { runHostile, type HostileRun } from './hostile.js';
import { ParityHttpServer, type AnswerKind } from './http-server.js';
import { userPath } from '../../packages/cli/src/load.js';
import { buildCases, loadParitySuite, ParityConfigError, type Case } from './parity-config.js';
import { CALLER_APP, loadFlowsIntoAsterisk, startParityRuntime, TARGET_APP } from './pbx-setup.js';
import { deployWithTrunks, planSipPaths, runSipCalls, sippAvailable, type SipPlan, type SipRun } from './sip-paths.js';

/** The default run (examples/, no filter) must keep at least this many paths, so a shrinking suite is noticed. */
const MIN_PATHS = 1000;
/**
 * Side effects compared and paths run as real SIP calls, for the final line; the side-effect and
 * SIP phases (h-effects, h-sippaths) add to them.
 */
const figures = { sideEffects: 0, sipCalls: 0, sipMismatches: 0 };
/**
 * Calls in flight per engine. The run takes about as long as its longest call (account-routing's
 * queue overflow, about 170 s), since the longest calls start first; 100 at a time keep up with
 * that on both engines (the ARI runtime runs in this process, and 100 passed there too).
 */
const CONCURRENCY: Record<'dialplan' | 'ari', number> = {
  dialplan: Number(process.env.PARITY_CONCURRENCY ?? 100),
  ari: Number(process.env.PARITY_CONCURRENCY ?? 100),
};
const CALL_TIMEOUT_MS = 240_000;
/**
 * The engines whose SIP calls run after their Local calls instead of beside them
 * (PARITY_SIP_AFTER, comma-separated; empty: none). By default `ari`: beside the ARI runtime's
 * hundred Local calls (in this process), on a loaded machine (load 40-50), Asterisk reported a key
 * of a SIP call twice in 2 of 2 runs ("0000#" as "0000##"), never with the SIP calls after them.
 */
const SIP_AFTER = (process.env.PARITY_SIP_AFTER ?? 'ari').split(',').filter(Boolean);
/**
 * The first calls start this far apart (then each as one ends): a hundred originates at one
 * instant, with their prompts and HTTP requests, would be a burst no PBX sees, and on a busy
 * machine it delayed the ARI runtime's web requests past their 2 s timeout.
 */
const RAMP_MS = 40;
type Engine = 'dialplan' | 'ari';
type Result = { c: Case; actual: Trace; effects: EffectLog; problems: string[]; answers: AnswerKind[] };
type EngineRun = { results: Result[]; runtimeLog: MemoryLogger['lines']; sip?: SipRun };

/**
 * A rough length of a call from its script: a queue's overflow waits out the maximum wait (up to
 * 120 s in the examples), an unanswered dial its ring time, a timeout the input's timeout.
 */
function roughSeconds(events: readonly string[]): number {
  const cost: Record<string, number> = { overflow: 120, noanswer: 20, timeout: 5 };
  return events.reduce((sum, event) => sum + (cost[event] ?? 1), 0);
}

/** Runs the cases `concurrency` at a time, the longest first: started last, they would make the run as long as they are. */
async function runAll(ari: AriClient, http: ParityHttpServer, cases: Case[], concurrency: number): Promise<Result[]> {
  const drivers = new Map<number, CallDriver>();
  ari.on('StasisStart', (event) => {
    if (event.application === TARGET_APP) {
      const [extension = '', index = ''] = event.args ?? [];
      drivers.get(Number(index))?.onTarget(event.channel.id, extension);
      return;
    }
    const caller = event.application === CALLER_APP && /^parity-(\d+)-caller$/.exec(event.channel.id);
    if (caller) drivers.get(Number(caller[1]))?.onCallerInStasis();
  });
  const route = (event: AriEvent) => {
    // Every app on the socket is subscribed to all channels, so each event comes once per app: read the caller app's copy.
    if (event.application !== CALLER_APP) return;
    const match = /^parity-(\d+)-flow$/.exec(channelIdOf(event) ?? '');
    if (match) drivers.get(Number(match[1]))?.onFlowEvent(event);
  };
  for (const type of ['ChannelUserevent', 'ChannelDialplan', 'ChannelDestroyed', 'ChannelVarset', 'PlaybackStarted'] as const) ari.on(type, route);

  const results: Result[] = [];
  const queue = [...cases].sort((x, y) => roughSeconds(y.plan.events) - roughSeconds(x.plan.events));
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const c = queue[next++]!;
      const driver = new CallDriver(ari, c.plan, CALL_TIMEOUT_MS);
      drivers.set(c.plan.index, driver);
      http.expect(c.plan.callerId, c.plan.events);
      try {
        await driver.start();
        const result = await driver.done;
        const web = http.finish(c.plan.callerId);
        const effects = { asterisk: result.effects, http: web.requests.map(httpLine) };
        results.push({ c, actual: result, effects, problems: [...result.problems, ...web.problems], answers: web.answers });
      } catch (error) {
        http.finish(c.plan.callerId);
        results.push({ c, actual: { visits: [], end: undefined }, effects: { asterisk: [], http: [] }, problems: [`originate: ${(error as Error).message}`], answers: [] });
      }
      drivers.delete(c.plan.index);
      if (results.length % 100 === 0) console.log(`  ${results.length}/${cases.length} calls done`);
    }
  };
  const ramped = async (slot: number) => {
    await new Promise((resolve) => setTimeout(resolve, slot * RAMP_MS));
    await worker();
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, cases.length) }, (_, slot) => ramped(slot)));
  return results.sort((a, b) => a.c.plan.index - b.c.plan.index);
}

/**
 * Deploys every flow on one engine, with the SIP phase's trunks and inbound routes when `sip` is
 * planned, and runs every path as a real Local call and the SIP calls at the same time (after them
 * for SIP_AFTER's engines): the Local phase takes as long as its longest calls (queue overflows),
 * and the SIP calls fit beside them.
 * One ARI runtime and one event socket serve both (an app has one socket; a second would take its
 * events). For `ari`, the flows' entry hands calls to the runtime's Stasis app, which runs in this
 * process, and the runtime also sends its trace to the caller app, where the driver reads it.
 */
async function runEngine(engine: Engine, asterisk: LocalAsterisk, http: ParityHttpServer, flows: Flow[], cases: Case[], sip?: SipPlan): Promise<EngineRun> {
  const deployed = http.rewrite(flows).map((flow) => ({ ...flow, deployment: engine }));
  let restore: (() => Promise<void>) | undefined;
  if (sip) restore = await deployWithTrunks(asterisk, deployed, sip);
  else await loadFlowsIntoAsterisk(asterisk, deployed);
  const logger = new MemoryLogger();
  const runtime = await startParityRuntime(engine, asterisk, deployed, logger);
  const ari = await AriClient.connect(`${CALLER_APP},${TARGET_APP}`, asterisk);
  // Channel ids must not repeat across engines: each engine numbers its calls in its own range.
  const offset = engine === 'ari' ? 100_000 : 0;
  const started = Date.now();
  try {
    const numbered = cases.map((c) => ({ ...c, plan: { ...c.plan, index: c.plan.index + offset } }));
    const local = runAll(ari, http, numbered, CONCURRENCY[engine]).finally(() =>
      console.log(`parity: ${engine}: ${cases.length} calls in ${((Date.now() - started) / 1000).toFixed(0)} s`),
    );
    const sipCalls = () => (sip ? runSipCalls(engine, asterisk, ari, http, logger, sip) : undefined);
    const [results, sipRun] = await Promise.all([local, SIP_AFTER.includes(engine) ? local.then(sipCalls) : sipCalls()]);
    return { results, runtimeLog: logger.lines, ...(sipRun ? { sip: sipRun } : {}) };
  } finally {
    await ari.close();
    await runtime?.stop();
    await restore?.();
    const errors = logger.lines.filter((l) => l.level === 'error');
    for (const e of errors.slice(0, 10)) console.log(`ari runtime error: ${e.message} ${JSON.stringify(e.fields)}`);
  }
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
  const examples = join(import.meta.dirname, '..', '..', 'examples');
  // As the user typed it: pnpm runs scripts at the root, INIT_CWD is where they were.
  const dir = process.env.PARITY_FLOWS ? userPath(process.env.PARITY_FLOWS) : resolve(examples);
  const isDefault = dir === resolve(examples);
  const suite = loadParitySuite(dir);
  const { flows } = suite;
  const filter = process.env.PARITY_FILTER;
  const engines = (process.env.PARITY_ENGINES ?? 'dialplan,ari').split(',') as Engine[];
  const built = buildCases(suite);
  const cases = built.cases.filter((c) => !filter || c.label.includes(filter)).map((c, index) => ({ ...c, plan: { ...c.plan, index } }));
  const asterisk = loadLocalAsterisk();
  const down = await probeAsterisk(asterisk);
  if (down) {
    console.error(`${down}\nThe parity suite needs the local Asterisk: run it through npm test, or start one with pnpm asterisk start.`);
    return 1;
  }
  const canary = canaryName();
  const values = hostileValues(canary);
  // The hostile scenario tests the product with flows of its own, not the folder's: it belongs to the default run.
  const hostile = isDefault ? hostileCalls(values).filter((c) => !filter || c.label.includes(filter)) : [];
  const entries = new Set(suite.scenarios.map((s) => s.flowId)).size;
  const repeats = built.repeats > 0 ? ` (${built.repeats} ${built.repeats === 1 ? 'path' : 'paths'} left out that repeat at another default instant)` : '';
  console.log(
    `parity: ${dir}: ${flows.length} flows, ${entries} entry flows, ${cases.length} paths from ${suite.scenarios.length} scenarios${repeats}, ${hostile.length} hostile calls, engines ${engines.join(', ')}`,
  );
  const failed = new Set<number>();
  // The SIP phase (sip-paths.ts) needs sipp; under CI=true a missing sipp fails the run.
  const sipReady = sippAvailable();
  if (!sipReady) console.log(`parity: sip: sipp is missing, no SIP calls${process.env.CI === 'true' ? ' (CI=true: a failure)' : ''}`);
  const variables = flowVariables(cases.map((c) => c.effects));
  const hostileRuns: HostileRun[] = [];
  const http = await ParityHttpServer.start();
  try {
    for (const engine of engines) await runOne(engine);
  } finally {
    await http.close();
  }
  async function runOne(engine: Engine): Promise<void> {
    const { results, runtimeLog, sip } = await runEngine(engine, asterisk, http, flows, cases, sipReady ? planSipPaths(flows, suite.scenarios, cases, filter) : undefined);
    const compared = effectsCompared(cases.map((c) => c.effects));
    figures.sideEffects += compared;
    const mismatches = results.flatMap(({ c, actual, effects, problems }) => {
      const diff = [diffTraces(c.expected, actual, engine), diffEffects(c.effects, effects, engine, variables)].filter(Boolean).join('; ');
      if (!diff && problems.length === 0) return [];
      failed.add(c.plan.index % 100_000);
      // What the ARI runtime logged about this call (its flow leg), to tell a runtime fault from a lost key.
      const flowLeg = `parity-${c.plan.index}-flow`;
      const logged = runtimeLog.filter((l) => l.fields.callId === flowLeg).map((l) => `runtime ${l.level}: ${l.message} ${JSON.stringify(l.fields)}`);
      return [`[${engine}] ${c.label} (${flowLeg})\n    ${[diff, ...problems, ...logged].filter(Boolean).join('\n    ')}`];
    });
    for (const m of mismatches.slice(0, 30)) console.log(`MISMATCH ${m}`);
    if (mismatches.length > 30) console.log(`... and ${mismatches.length - 30} more`);
    // The Local calls' answers only: the SIP calls, at the same time, have their own figures.
    const answers = results.flatMap((r) => r.answers);
    const answered = (['response', 'failure', 'timeout'] as const).map((kind) => `${answers.filter((a) => a === kind).length} ${kind}`).join(', ');
    console.log(`parity: ${engine}: ${mismatches.length} mismatches, ${compared} side effects compared; ${coverage(flows, results.map((r) => r.actual))}; HTTP answers: ${answered}`);
    if (sip) {
      figures.sipCalls += sip.calls;
      figures.sipMismatches += sip.mismatches.length;
      for (const m of sip.mismatches.slice(0, 30)) console.log(`MISMATCH ${m}`);
      for (const s of sip.skipped) console.log(`parity: sip: ${engine}: current time skipped: ${s}`);
      console.log(
        `parity: sip: ${engine}: ${sip.calls} SIP calls through trunks and inbound routes (${sip.sample} sampled paths of ${sip.covers.flows} flows, ${sip.covers.keys} with keys, ${sip.covers.dialQueue} with dial or queue results, ${sip.covers.http} with web answers; ${sip.currentTime} current-time paths without SWF_NOW), ${sip.keys.sent} keys sent as RFC 4733 events, ${sip.keys.received} received as DTMF (${sip.keys.beforeAck} key groups asked for before sipp's ACK, played after it), ${sip.mismatches.length} mismatches`,
      );
    }
    if (hostile.length === 0) return;
    const run = await runHostile(engine, asterisk, hostile, canary);
    hostileRuns.push(run);
    for (const m of run.mismatches.slice(0, 30)) console.log(`MISMATCH ${m}`);
    if (run.mismatches.length > 30) console.log(`... and ${run.mismatches.length - 30} more`);
    const files = run.canaryFiles.length > 0 ? run.canaryFiles.join(' ') : 'none';
    const never = run.visited.never.length > 0 ? ` (never: ${run.visited.never.join(', ')})` : '';
    console.log(
      `parity: hostile: ${engine}: ${run.calls} calls (${run.local} Local, ${run.sip} SIP INVITEs through an IP trunk; caller number reported as sent: ${run.unchanged.local} Local, ${run.unchanged.sip} SIP), visited ${run.visited.nodes}/${run.visited.of} nodes${never}, ${run.requests} web requests compared, ${run.mismatches.length} mismatches, canary files: ${files}`,
    );
  }
  const hostileMismatches = hostileRuns.reduce((sum, run) => sum + run.mismatches.length, 0);
  const canaries = [...new Set(hostileRuns.flatMap((run) => run.canaryFiles))];
  if (isDefault) {
    console.log(
      `parity: hostile: ${values.length} caller IDs and names, ${hostile.length} calls per engine, ${hostileMismatches} mismatches, canary files: ${canaries.length > 0 ? canaries.join(' ') : 'none'}`,
    );
  }
  const tooFew = isDefault && !filter && cases.length < MIN_PATHS;
  if (tooFew) console.log(`parity: fewer than ${MIN_PATHS} paths`);
  console.log(
    `parity: ${cases.length} paths, ${failed.size + figures.sipMismatches} mismatches, engines: simulator,${engines.join(',')}, side-effects: ${figures.sideEffects} compared, sip-calls: ${figures.sipCalls}`,
  );
  const sipFailed = figures.sipMismatches > 0 || (!sipReady && process.env.CI === 'true');
  return !sipFailed && failed.size === 0 && hostileMismatches === 0 && canaries.length === 0 && !tooFew ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    // A folder or parity.json problem is the user's to fix: its message says where, a stack would not.
    console.error(error instanceof ParityConfigError ? `parity: ${error.message}` : error);
    process.exitCode = 1;
  },
);
