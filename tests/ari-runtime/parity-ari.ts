/**
 * `npx tsx tests/ari-runtime/parity-ari.ts`: every enumerated parity path, with every example flow
 * deployed in `ari` mode, run through the ARI runtime on the local Asterisk and compared with the
 * simulator. It reuses the parity suite's scenarios, TTS, PBX setup and CallDriver unchanged; the
 * only bridge is that the runtime's `SWFlowInput` trace stands in for the dialplan's
 * `ChannelDialplan` Background/Read (when to send keys). A starting point for the lead to fold
 * into `pnpm test:parity` as the third engine. Ends with
 *   parity-ari: <paths> paths, <mismatches> mismatches, engines: simulator,ari
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { enumeratePaths, flowLibrary } from '@stumpfworks/engine';
import { parseFlow, type Flow } from '@stumpfworks/flow';
import { MemoryLogger, startRuntime } from '../../packages/ari-runtime/src/index.js';
import { AriClient, channelOf, type AriEvent } from '../support/ari.js';
import { loadLocalAsterisk, probeAsterisk } from '../support/local-asterisk.js';
import { CallDriver, type CallPlan } from '../parity/call-driver.js';
import { diffTraces, traceOfTranscript, type Trace } from '../parity/compare.js';
import { CALLER_APP, loadFlowsIntoAsterisk, TARGET_APP } from '../parity/pbx-setup.js';
import { scenarios } from '../parity/scenarios.js';

const CONCURRENCY = Number(process.env.PARITY_CONCURRENCY ?? 60);
const CALL_TIMEOUT_MS = Number(process.env.PARITY_CALL_TIMEOUT_MS ?? 240_000);
const BOUNDS: Record<string, { maxEvents: number; maxVisitsPerNode: number }> = { musterfirma: { maxEvents: 4, maxVisitsPerNode: 2 } };
const ONLY = process.env.PARITY_ONLY; // e.g. "musterfirma" to run one flow's paths

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
      return { ...result.flow, deployment: 'ari' as const };
    });
}

function buildCases(flows: Flow[]): Case[] {
  const library = flowLibrary(flows);
  const cases: Case[] = [];
  for (const scenario of scenarios.filter((s) => !ONLY || s.flowId === ONLY)) {
    const flow = library.get(scenario.flowId)!;
    const start = flow.nodes.find((n) => n.type === 'Start');
    if (start?.type !== 'Start' || !start.params.number) throw new Error(`scenario flow ${scenario.flowId} has no number`);
    const at = new Date(scenario.at);
    for (const path of enumeratePaths(library, flow.id, { at, callerId: scenario.callerId, ...BOUNDS[flow.id] }).paths) {
      cases.push({
        label: `${flow.id} @ ${scenario.label}: ${path.events.join(',') || '(no input)'}`,
        plan: { index: cases.length, number: start.params.number, at, callerId: scenario.callerId, events: path.events },
        expected: traceOfTranscript(path.transcript),
      });
    }
  }
  return cases;
}

async function main(): Promise<number> {
  const flows = loadExamples();
  const cases = buildCases(flows);
  const asterisk = loadLocalAsterisk();
  const down = await probeAsterisk(asterisk);
  if (down) {
    console.error(down);
    return 1;
  }
  await loadFlowsIntoAsterisk(asterisk, flows); // flows carry deployment: 'ari'
  const logger = new MemoryLogger();
  const runtime = await startRuntime({
    ari: { url: asterisk.ariUrl, user: asterisk.ariUser, password: asterisk.ariPassword },
    flows,
    logger,
    dialString: (target) => `Local/${target}@${TARGET_APP}`,
    transferDialString: (number) => `Local/${number}@${TARGET_APP}`,
    traceApplications: [CALLER_APP],
    traceInputs: true,
  });
  const ari = await AriClient.connect(`${CALLER_APP},${TARGET_APP}`, asterisk);
  const drivers = new Map<number, CallDriver>();
  ari.on('StasisStart', (event) => {
    if (event.application !== TARGET_APP) return;
    const [extension = '', index = ''] = event.args;
    drivers.get(Number(index))?.onTarget(event.channel.id, extension);
  });
  // The runtime answers at once (the dialplan's Answer() waits 0.5 s), so under load a call can
  // read keys before its caller leg has entered the caller app, where DTMF is sent from: hold
  // the SWFlowInput until the caller leg's StasisStart.
  const callerInStasis = new Set<number>();
  const heldInputs = new Map<number, AriEvent[]>();
  ari.on('StasisStart', (event) => {
    const match = event.application === CALLER_APP && /^parity-(\d+)-caller$/.exec(event.channel.id);
    if (!match) return;
    const index = Number(match[1]);
    callerInStasis.add(index);
    for (const held of heldInputs.get(index) ?? []) drivers.get(index)?.onFlowEvent(held);
    heldInputs.delete(index);
  });
  const route = (event: AriEvent) => {
    // With two apps on one subscribeAll socket, Asterisk delivers every event once per app.
    if (event.application !== CALLER_APP) return;
    const match = /^parity-(\d+)-flow$/.exec(channelOf(event)?.id ?? '');
    if (!match) return;
    const driver = drivers.get(Number(match[1]));
    if (process.env.PARITY_DEBUG) {
      const e = event as { dialplan_app?: string; dialplan_app_data?: string; eventname?: string; userevent?: object };
      console.log(`[${match[1]}] ${event.type} ${e.dialplan_app ?? ''} ${e.dialplan_app_data ?? ''} ${e.eventname ?? ''} ${e.userevent ? JSON.stringify(e.userevent) : ''}`);
    }
    if (event.type === 'ChannelUserevent' && (event as { eventname?: string }).eventname === 'SWFlowInput') {
      const input = { ...event, type: 'ChannelDialplan', dialplan_app: 'Read' } as unknown as AriEvent;
      const index = Number(match[1]);
      if (callerInStasis.has(index)) driver?.onFlowEvent(input);
      else heldInputs.set(index, [...(heldInputs.get(index) ?? []), input]);
      return;
    }
    driver?.onFlowEvent(event);
  };
  for (const type of ['ChannelUserevent', 'ChannelDialplan', 'ChannelDestroyed'] as const) ari.on(type, route);

  const started = Date.now();
  const results: Array<{ c: Case; actual: Trace; problems: string[] }> = [];
  let next = 0;
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
      if (results.length % 50 === 0) console.log(`  ${results.length}/${cases.length} calls done`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, cases.length) }, worker));
  } finally {
    await ari.close();
    await runtime.stop();
  }
  const mismatches = results
    .sort((a, b) => a.c.plan.index - b.c.plan.index)
    .flatMap(({ c, actual, problems }) => {
      const diff = diffTraces(c.expected, actual);
      return diff || problems.length ? [`${c.label}\n    ${[diff, ...problems].filter(Boolean).join('\n    ')}`] : [];
    });
  for (const m of mismatches.slice(0, 40)) console.log(`MISMATCH ${m}`);
  const errors = logger.lines.filter((l) => l.level === 'error');
  for (const e of errors.slice(0, 10)) console.log(`runtime error: ${e.message} ${JSON.stringify(e.fields)}`);
  console.log(`parity-ari: ${cases.length} calls in ${((Date.now() - started) / 1000).toFixed(0)} s, ${errors.length} runtime errors`);
  console.log(`parity-ari: ${results.length} paths, ${mismatches.length} mismatches, engines: simulator,ari`);
  return mismatches.length === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
