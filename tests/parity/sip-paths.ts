/**
 * The SIP phase of `pnpm test:parity` (docs/flow-semantics.md, "Parity"): enumerated paths as real
 * SIP calls, on each engine. sipp calls from a trunk's loopback address to the flow's DID, which an
 * inbound route sends to the flow, as the server's publish renders them; the path's keys go as
 * RFC 4733 telephone-events over RTP when the flow reads input (sip-caller.ts), and dial/queue
 * results are played by the scripted targets of call-driver.ts, whose flow leg is now the PJSIP
 * channel. Two kinds of calls:
 *  - a sample of the enumerated paths (spread over every flow), each with its path's instant;
 *  - the current-time path of each flow, without any injected clock: the simulator runs at the
 *    instant of the call, the dialplan reads `${EPOCH}`, the ARI runtime its own clock.
 * Every call comes from its own trunk (its own loopback address), whose endpoint sets the call's
 * number for the scripted targets (`__SWF_PATH`) and, for the sample, the path's instant
 * (`__SWF_NOW`): a SIP call cannot carry channel variables, and the trunk is how the PJSIP channel
 * is told apart from the other calls'.
 */
import { spawnSync } from 'node:child_process';
import { enumeratePaths, flowLibrary, parseScript, simulate } from '@stumpfworks/engine';
import { EMPTY_RESOURCES, renderPjsip, renderRouting, trunkEndpoint, type TrunkResource } from '@stumpfworks/dialplan';
import type { Flow } from '@stumpfworks/flow';
import type { MemoryLogger } from '../../packages/ari-runtime/src/index.js';
import { channelOf, type AriClient, type AriEvent } from '../support/ari.js';
import { keepGeneratedFiles, readGeneratedFile, reloadModule, writeGeneratedFile, type LocalAsterisk } from '../support/local-asterisk.js';
import { CallDriver, hangupChannel, type CallPlan, type CallResult } from './call-driver.js';
import { diffTraces, traceOfTranscript, type Trace } from './compare.js';
import { isHttpToken, type ParityHttpServer } from './http-server.js';
import { CALLER_APP, loadFlowsIntoAsterisk, TARGET_APP } from './pbx-setup.js';
import type { Scenario } from './parity-config.js';
import { KEY_SLOTS, SipCaller } from './sip-caller.js';

type Engine = 'dialplan' | 'ari';

/** One path to call: what run.ts builds for every enumerated path. */
export interface SipCase {
  plan: CallPlan;
  label: string;
  expected: Trace;
  /** The scenario's caller ID when each path has one of its own (parity-config.ts). */
  perPathCallerBase?: string;
}

export interface SipRun {
  /** SIP calls placed (sample and current time). */
  calls: number;
  sample: number;
  currentTime: number;
  /** Flows whose current-time call was skipped, with why. */
  skipped: string[];
  /** What the sample covers: flows, and paths with keys, with dial or queue results, with web answers. */
  covers: { flows: number; keys: number; dialQueue: number; http: number };
  /** Keys sent as telephone-events, the DTMF Asterisk reported on the PJSIP channels, and key groups the flow asked for before sipp was past the ACK. */
  keys: { sent: number; received: number; beforeAck: number };
  mismatches: string[];
}

/** Paths in the sample (PARITY_SIP_CALLS), and calls in flight (PARITY_SIP_CONCURRENCY). */
const SAMPLE = Number(process.env.PARITY_SIP_CALLS ?? 60);
const CONCURRENCY = Number(process.env.PARITY_SIP_CONCURRENCY ?? 12);
const CALL_TIMEOUT_MS = 240_000;
/** The first calls start this far apart (then each as one ends). */
const RAMP_MS = 250;
/** The sample's calls are numbered from here (`SWF_PATH`, sipp's Call-ID and SSRC), apart from the Local calls'. */
const FIRST_INDEX = 200_000;
/** A current-time call is skipped when its path is not the same a minute before or after the call. */
const BOUNDARY_MARGIN_MS = 60_000;
const KEYS = /^[0-9*#]+$/;

/** The trunk of call `n`: its own loopback address 127.0.2.<n+1>. */
function trunkOf(n: number): TrunkResource {
  return { id: `sip${n}`, name: `Parity SIP caller ${n}`, type: 'ip', server: `127.0.2.${n + 1}`, port: 5060, transport: 'udp', codecs: ['ulaw'] };
}

/** Whether sipp can run; under CI=true a missing sipp fails the phase (as a missing Asterisk does). */
export function sippAvailable(): boolean {
  return spawnSync('sipp', ['-v'], { encoding: 'utf8' }).error === undefined;
}

/** A rough length of a call from its script (as run.ts sorts the Local calls). */
function roughSeconds(events: readonly string[]): number {
  const cost: Record<string, number> = { overflow: 120, noanswer: 20, timeout: 5 };
  return events.reduce((sum, event) => sum + (cost[event] ?? 1), 0);
}

const keyGroups = (events: readonly string[]) => events.filter((e) => !isHttpToken(e) && KEYS.test(e));
const DIAL_RESULTS = /^(answer(:.+)?|busy|noanswer|unavailable|overflow)$/;

function coverage(sample: SipCase[]): SipRun['covers'] {
  const count = (test: (events: string[]) => boolean) => sample.filter((c) => test(c.plan.events)).length;
  return {
    flows: new Set(sample.map((c) => c.label.slice(0, c.label.indexOf(' @ ')))).size,
    keys: count((events) => keyGroups(events).length > 0),
    dialQueue: count((events) => events.some((e) => DIAL_RESULTS.test(e))),
    http: count((events) => events.some(isHttpToken)),
  };
}

/**
 * `count` paths spread over every flow: each flow gets its share (flows with fewer paths give the
 * rest to the others), taken at even steps through its paths, so every scenario instant and kind
 * of path (menus, Collect, dial and queue results, HTTP answers) has its chance. Paths with more
 * key groups than the scenario plays are left out.
 */
export function sampleCases(cases: SipCase[], count: number): SipCase[] {
  const byFlow = new Map<string, SipCase[]>();
  for (const c of cases.filter((c) => keyGroups(c.plan.events).length <= KEY_SLOTS)) {
    const flow = c.label.slice(0, c.label.indexOf(' @ '));
    byFlow.set(flow, [...(byFlow.get(flow) ?? []), c]);
  }
  const flows = [...byFlow.values()].sort((a, b) => a.length - b.length);
  const picked: SipCase[] = [];
  flows.forEach((paths, i) => {
    const share = Math.min(paths.length, Math.ceil((count - picked.length) / (flows.length - i)));
    for (let k = 0; k < share; k++) picked.push(paths[Math.floor((k * paths.length) / share)]!);
  });
  return picked.sort((a, b) => a.plan.index - b.plan.index);
}

/**
 * Deploys the flows on one engine with a trunk per planned SIP call and an inbound route per flow
 * number; the function returned puts pjsip.conf back. The Local phase runs on this deployment too,
 * at the same time as the SIP calls: nothing is reloaded while calls are up.
 */
export async function deployWithTrunks(asterisk: LocalAsterisk, flows: Flow[], sip: SipPlan): Promise<() => Promise<void>> {
  const trunks = sip.planned.map((p) => ({ trunk: trunkOf(p.n), path: FIRST_INDEX + p.n, ...(p.now ? { now: p.now } : {}) }));
  await loadFlowsIntoAsterisk(asterisk, flows);
  const restore = keepGeneratedFiles(asterisk, { 'pjsip.conf': 'res_pjsip.so' });
  const routes = flows.flatMap((flow) => {
    const start = flow.nodes.find((n) => n.type === 'Start');
    return start?.type === 'Start' && start.params.number ? [{ id: `sip-${flow.id}`, did: start.params.number, target: { type: 'flow' as const, id: flow.id } }] : [];
  });
  // As the server's publish writes them (apps/server/src/publish/config-set.ts), plus each trunk's test variables.
  let pjsip = renderPjsip({ extensions: [], trunks: trunks.map((t) => t.trunk) });
  for (const { trunk, path, now } of trunks) {
    const vars = [`set_var = __SWF_PATH=${path}`, ...(now ? [`set_var = __SWF_NOW=${Math.floor(now.getTime() / 1000)}`] : [])];
    const section = `[${trunkEndpoint(trunk.id)}]\ntype = endpoint\n`;
    if (!pjsip.includes(section)) throw new Error(`no endpoint section ${section.trim()} in the rendered pjsip.conf`);
    pjsip = pjsip.replace(section, `${section}${vars.join('\n')}\n`);
  }
  try {
    const routing = renderRouting({ ...EMPTY_RESOURCES, trunks: trunks.map((t) => t.trunk), inboundRoutes: routes });
    writeGeneratedFile(asterisk, 'extensions.conf', `${readGeneratedFile(asterisk, 'extensions.conf')}\n${routing}`);
    writeGeneratedFile(asterisk, 'pjsip.conf', pjsip);
    await reloadModule(asterisk, 'pbx_config.so');
    await reloadModule(asterisk, 'res_pjsip.so');
  } catch (error) {
    await restore();
    throw error;
  }
  return restore;
}

interface Planned {
  /** The call's number: its trunk and SWF_PATH. */
  n: number;
  label: string;
  /** The path and what the simulator expects; for a current-time call, made at the instant of the call. */
  prepare: () => { plan: CallPlan; expected: Trace } | { skip: string };
  /** The injected instant (the sample's); none for a current-time call. */
  now?: Date;
  /** The path's script, when known before the call (to start the longest first). */
  events?: string[];
}

/** The current-time call of each flow: its quickest path at the instant of the call, unless a minute either side takes another path. */
function currentTimeCalls(flows: Flow[], scenarios: readonly Scenario[], first: number): Planned[] {
  const library = flowLibrary(flows);
  const seen = new Set<string>();
  return scenarios.flatMap((scenario) => {
    if (seen.has(scenario.flowId)) return [];
    seen.add(scenario.flowId);
    const flow = library.get(scenario.flowId);
    const start = flow?.nodes.find((n) => n.type === 'Start');
    if (!flow || start?.type !== 'Start' || !start.params.number) return [];
    const n = first + seen.size - 1;
    const number = start.params.number;
    // A flow that asks the web service by caller ID gets a number of its own, as its paths do.
    const callerId = scenario.callerIdPerPath ? `${scenario.callerId}9${String(n).padStart(5, '0')}` : scenario.callerId;
    const prepare = () => {
      const at = new Date();
      const { paths } = enumeratePaths(library, flow.id, { at, callerId });
      const path = paths.filter((p) => keyGroups(p.events).length <= KEY_SLOTS).sort((a, b) => roughSeconds(a.events) - roughSeconds(b.events))[0];
      if (!path) return { skip: 'no path' };
      const traceAt = (when: Date) => traceOfTranscript(simulate(library, flow.id, parseScript(path.events.join(',')), { at: when, callerId }));
      const expected = traceOfTranscript(path.transcript);
      const moved = [-BOUNDARY_MARGIN_MS, BOUNDARY_MARGIN_MS].some((d) => diffTraces(expected, traceAt(new Date(at.getTime() + d)), 'later') !== undefined);
      if (moved) return { skip: `within a minute of a time-condition boundary at ${at.toISOString()}` };
      return { plan: { index: FIRST_INDEX + n, number, at, callerId, events: path.events }, expected };
    };
    return [{ n, label: `${flow.id} @ current time`, prepare }];
  });
}

/**
 * The drive's result once the PJSIP channel is gone; a call Asterisk never took (no channel when
 * sipp gave up) ends with sipp, and a channel that outlives sipp's call by 10 s is a problem.
 */
async function settle(driver: CallDriver, caller: SipCaller): Promise<CallResult> {
  const exit = await Promise.race([driver.done, caller.exited.then((r) => ({ exit: r }))]);
  if ('visits' in exit) return exit;
  if (caller.flowChannel === undefined) return { visits: [], end: undefined, effects: [], problems: ['Asterisk created no channel for the call'] };
  const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 10_000).unref());
  const result = await Promise.race([driver.done, late]);
  return result === 'late' ? { visits: [], end: undefined, effects: [], problems: [`the flow channel ${caller.flowChannel} outlived the SIP call by 10 s`] } : result;
}

/** The SIP calls of one engine, planned before the deployment: each has a trunk of its own. */
export interface SipPlan {
  sampled: SipCase[];
  sample: Planned[];
  current: Planned[];
  planned: Planned[];
}

/**
 * The sample of `cases` and each flow's current-time call (those whose label has `filter`). A
 * sampled path whose Local call has a caller ID of its own gets another one of its own (`8` and
 * its number, as the current-time calls get `9` and theirs): the two calls may be up at the same
 * time, and the web server tells calls apart by caller ID. Such a flow never branches on the
 * caller ID (parity-config.ts), so the path is the same.
 */
export function planSipPaths(flows: Flow[], scenarios: readonly Scenario[], cases: SipCase[], filter?: string): SipPlan {
  const sampled = sampleCases(cases, SAMPLE);
  const sample: Planned[] = sampled.map((c, i) => {
    const callerId = c.perPathCallerBase === undefined ? c.plan.callerId : `${c.perPathCallerBase}8${String(i).padStart(5, '0')}`;
    return {
      n: i,
      label: c.label,
      now: c.plan.at,
      events: c.plan.events,
      prepare: () => ({ plan: { ...c.plan, index: FIRST_INDEX + i, callerId }, expected: c.expected }),
    };
  });
  const current = currentTimeCalls(flows, scenarios, sample.length).filter((p) => !filter || p.label.includes(filter));
  return { sampled, sample, current, planned: [...sample, ...current] };
}

/**
 * Runs the planned SIP calls on one engine, deployed by deployWithTrunks, through `ari` (shared
 * with the Local phase: an app has one event socket), with the flows' HTTP requests pointed at
 * `http`. The calls are told apart from the Local phase's by their channels (PJSIP) and numbers.
 */
export async function runSipCalls(engine: Engine, asterisk: LocalAsterisk, ari: AriClient, http: ParityHttpServer, logger: MemoryLogger, sip: SipPlan): Promise<SipRun> {
  const { sampled, sample, current } = sip;
  const drivers = new Map<number, { driver: CallDriver; caller: SipCaller; dtmf: string[] }>();
  const byChannel = new Map<string, number>();
  ari.on('StasisStart', (event) => {
    if (event.application !== TARGET_APP) return;
    const [extension = '', index = ''] = event.args ?? [];
    drivers.get(Number(index) - FIRST_INDEX)?.driver.onTarget(event.channel.id, extension);
  });
  ari.on('ChannelCreated', (event) => {
    const n = new RegExp(`^PJSIP/${trunkEndpoint('sip')}(\\d+)-`).exec(event.channel.name)?.[1];
    const call = n === undefined || event.application !== CALLER_APP ? undefined : drivers.get(Number(n));
    if (!call) return;
    byChannel.set(event.channel.id, Number(n));
    call.caller.flowChannel = event.channel.id;
  });
  const route = (event: AriEvent) => {
    // Every app on the socket is subscribed to all channels, so each event comes once per app: read the caller app's copy.
    if (event.application !== CALLER_APP) return;
    const n = byChannel.get(channelOf(event)?.id ?? '');
    const call = n === undefined ? undefined : drivers.get(n);
    if (event.type === 'ChannelDtmfReceived') call?.dtmf.push(String(event.digit));
    else call?.driver.onFlowEvent(event);
  };
  for (const type of ['ChannelUserevent', 'ChannelDialplan', 'ChannelDestroyed', 'ChannelDtmfReceived'] as const) ari.on(type, route);

  const mismatches: string[] = [];
  const skipped: string[] = [];
  const keys = { sent: 0, received: 0, beforeAck: 0 };
  let calls = 0;
  const runCall = async (p: Planned): Promise<void> => {
    const prepared = p.prepare();
    if ('skip' in prepared) {
      skipped.push(`${p.label}: ${prepared.skip}`);
      return;
    }
    const { plan, expected } = prepared;
    const groups = keyGroups(plan.events);
    let caller!: SipCaller;
    const driver = new CallDriver(ari, plan, CALL_TIMEOUT_MS, (report) => {
      caller = new SipCaller(
        { sipHost: asterisk.sipHost ?? '127.0.0.1', sipPort: asterisk.sipPort ?? 5060, address: trunkOf(p.n).server, did: plan.number, callerId: plan.callerId, keyGroups: groups, index: plan.index, timeoutSeconds: CALL_TIMEOUT_MS / 1000 + 30 },
        report,
        (channelId) => hangupChannel(ari, channelId, report),
      );
      return caller;
    });
    const dtmf: string[] = [];
    drivers.set(p.n, { driver, caller, dtmf });
    http.expect(plan.callerId, plan.events);
    calls++;
    let result: CallResult;
    let sipp = '';
    try {
      await driver.start();
      result = await settle(driver, caller);
      const exit = await caller.exited;
      if (exit.code !== 0) sipp = `sipp exited with ${exit.code}: ${exit.output.trim().split('\n').slice(-6).join(' | ')}`;
    } catch (error) {
      result = { visits: [], end: undefined, effects: [], problems: [`call: ${(error as Error).message}`] };
    }
    drivers.delete(p.n);
    const sent = groups.join('');
    keys.sent += sent.length;
    keys.received += dtmf.length;
    keys.beforeAck += caller.keysBeforeAck;
    // Every key the path typed must reach Asterisk as DTMF, in order (keys typed while no one
    // reads them are received and dropped, as a phone's would be).
    const lost = dtmf.join('') === sent ? [] : [`keys sent as RFC 4733 events: "${sent}", DTMF Asterisk received: "${dtmf.join('')}"`];
    const diff = diffTraces(expected, result, engine);
    const problems = [diff, ...result.problems, ...http.finish(plan.callerId).problems, ...lost, sipp].filter(Boolean);
    if (problems.length === 0) return;
    const logged = logger.lines.filter((l) => l.fields.callId === caller.flowChannel).map((l) => `runtime ${l.level}: ${l.message} ${JSON.stringify(l.fields)}`);
    mismatches.push(`[${engine}, SIP] ${p.label} (${trunkEndpoint(`sip${p.n}`)}, at ${plan.at.toISOString()})\n    ${[...problems, ...logged].join('\n    ')}`);
  };

  const started = Date.now();
  // The longest calls first (a queue's overflow waits two minutes), the current-time ones last.
  const queue = [...[...sample].sort((a, b) => roughSeconds(b.events ?? []) - roughSeconds(a.events ?? [])), ...current];
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async (_, slot) => {
      // Started apart, as the Local phase's calls are (run.ts RAMP_MS), which start at the same time.
      await new Promise((resolve) => setTimeout(resolve, slot * RAMP_MS));
      for (let p = queue.shift(); p; p = queue.shift()) await runCall(p);
    }),
  );
  console.log(`parity: sip: ${engine}: ${calls} calls in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { calls, sample: sample.length, currentTime: current.length - skipped.length, skipped, covers: coverage(sampled), keys, mismatches };

}
