/**
 * The hostile-caller scenario of `pnpm test:parity` (docs/flow-semantics.md, "Hostile input").
 * Every value of `hostileValues` calls as caller number (and, paired differently, as caller name)
 * twice: once as a Local channel (the exact value, set as the connected line of the originating
 * leg) and once as a real SIP INVITE from sipp on 127.0.0.77 through an IP trunk and its inbound
 * route, rendered by the product's own renderers. The flows (hostile-flows.ts) ask a web service
 * with the caller ID in URL and body, branch on it, and ask again with the variables its answer set
 * (the answers carry hostile values too). Each call must visit the nodes the simulator visits for
 * the caller ID Asterisk reports for that call, and the service must receive exactly the requests
 * the simulator's `fillTemplate` makes, each body JSON with only the template's keys. Canary values
 * must leave no file in /tmp, neither the host's nor the Asterisk root's.
 */
import { compileFlows, EMPTY_RESOURCES, renderPjsip, renderRouting, type ExtensionResource, type TrunkResource } from '@stumpfworks/dialplan';
import type { Flow } from '@stumpfworks/flow';
import { MemoryLogger, startRuntime } from '../../packages/ari-runtime/src/index.js';
import { AriClient, type AriEvent } from '../support/ari.js';
import { canaryFiles } from '../support/hostile-values.js';
import { keepGeneratedFiles, writeGeneratedFile, reloadModule, type LocalAsterisk } from '../support/local-asterisk.js';
import { diffTraces, type Trace } from './compare.js';
import { compareRequests, expected, shown, type HostileCall } from './hostile-calls.js';
import { hostileDid, hostileFlow, hostileNumber } from './hostile-flows.js';
import { RUNTIME_APP } from './pbx-setup.js';
import { HostileWebService, type RecordedRequest } from './hostile-service.js';
import { sippInvite } from './sipp-invite.js';

export const HOSTILE_APP = 'parity-hostile';
/** Calls in flight per engine, one per lane (each lane has its own flow and web-service path). */
const LANES = 8;
/** The trunk's address: sipp sends from it, and the trunk's identify section matches it. */
const TRUNK_ADDRESS = '127.0.0.77';
const CALL_TIMEOUT_MS = 60_000;
const TRUNK: TrunkResource = { id: 'hostile', name: 'Parity hostile caller', type: 'ip', server: TRUNK_ADDRESS, port: 5060, transport: 'udp', codecs: ['ulaw'] };
/** A phone whose number a caller through the trunk also sends (see hostileCalls): the trunk's address must win. */
const PHONE: ExtensionResource = { id: '1000', name: 'Zentrale', callerId: 'Zentrale <1000>', secret: 'Parity-Phone-Secret-42', codecs: ['ulaw'], context: 'stumpfworks-internal', voicemail: { enabled: false }, webrtc: false };

export type Engine = 'dialplan' | 'ari';

interface CallOutcome {
  call: HostileCall;
  lane: number;
  actual: Trace;
  reported: { number: string; name: string } | undefined;
  requests: RecordedRequest[];
  problems: string[];
}

/** One call in one lane: the events of its flow channel, until that channel is gone (and sipp is done). */
class LaneCall {
  readonly visits: string[] = [];
  end: string | undefined;
  flowChannel: string | undefined;
  reported: { number: string; name: string } | undefined;
  readonly problems: string[] = [];
  private gone!: () => void;
  readonly channelGone = new Promise<void>((resolve) => (this.gone = resolve));

  constructor(
    readonly call: HostileCall,
    /** The Local ;2 leg's id, known before it exists; a SIP call's channel is learned from its first event. */
    readonly expectedChannel: string | undefined,
  ) {}

  onTrace(event: AriEvent & { channel?: { id: string; caller?: { number: string; name: string } } }, name: string, fields: Record<string, string>): void {
    const channel = event.channel;
    if (!channel) return;
    if (this.flowChannel === undefined) {
      this.flowChannel = channel.id;
      this.reported = channel.caller ? { number: channel.caller.number, name: channel.caller.name } : undefined;
    } else if (channel.id !== this.flowChannel) {
      this.problems.push(`trace from a second channel ${channel.id}`);
      return;
    }
    if (name === 'SWFlowNode') this.visits.push(`${fields.flow}/${fields.node}`);
    if (name === 'SWFlowEnd') this.end = `${fields.outcome} ${fields.flow}/${fields.node}`;
  }

  onDestroyed(channelId: string): void {
    if (channelId === this.flowChannel || channelId === this.expectedChannel) this.gone();
  }
}

/** Deploys the lanes' flows (each with its engine as deployment) with the trunk and its inbound routes; the function returned puts pjsip.conf back. */
async function deploy(asterisk: LocalAsterisk, flows: Flow[]): Promise<() => Promise<void>> {
  const compiled = compileFlows(flows, { ariApp: RUNTIME_APP });
  if (!compiled.ok) throw new Error(`the hostile flows do not compile: ${JSON.stringify(compiled.diagnostics)}`);
  const restore = keepGeneratedFiles(asterisk, { 'pjsip.conf': 'res_pjsip.so' });
  const routing = renderRouting({
    ...EMPTY_RESOURCES,
    trunks: [TRUNK],
    inboundRoutes: flows.map((flow, lane) => ({ id: flow.id, did: hostileDid(lane), target: { type: 'flow' as const, id: flow.id } })),
  });
  // As the server's publish writes them (apps/server/src/publish/config-set.ts).
  try {
    writeGeneratedFile(asterisk, 'extensions.conf', `${compiled.text}\n${routing}`);
    writeGeneratedFile(asterisk, 'pjsip.conf', renderPjsip({ extensions: [PHONE], trunks: [TRUNK] }));
    await reloadModule(asterisk, 'pbx_config.so');
    await reloadModule(asterisk, 'res_pjsip.so');
  } catch (error) {
    await restore();
    throw error;
  }
  return restore;
}

/** Which nodes of the lane flow (all lanes alike) the calls visited. */
function visitedNodes(flow: Flow, traces: Trace[]): HostileRun['visited'] {
  const seen = new Set(traces.flatMap((t) => t.visits.map((visit) => visit.replace(/^hostile-\d+\//, ''))));
  const ids = flow.nodes.map((n) => n.id);
  return { nodes: ids.filter((id) => seen.has(id)).length, of: ids.length, never: ids.filter((id) => !seen.has(id)) };
}

export interface HostileRun {
  engine: Engine;
  calls: number;
  local: number;
  sip: number;
  requests: number;
  /** The lane flows' nodes the calls visited, of all (ids without the lane). */
  visited: { nodes: number; of: number; never: string[] };
  /** Calls whose caller number Asterisk reported exactly as sent, by way. */
  unchanged: { local: number; sip: number };
  mismatches: string[];
  canaryFiles: string[];
}

/**
 * Runs the hostile calls on one engine and compares each with the simulator. `canary` is the
 * canary name inside `calls`' values.
 */
export async function runHostile(engine: Engine, asterisk: LocalAsterisk, calls: HostileCall[], canary: string): Promise<HostileRun> {
  const service = await HostileWebService.start();
  const flows = Array.from({ length: LANES }, (_, lane) => ({ ...hostileFlow(lane, service.origin), deployment: engine }));
  const restore = await deploy(asterisk, flows);
  const logger = new MemoryLogger();
  const runtime = engine === 'ari' ? await startRuntime({ ari: { url: asterisk.ariUrl, user: asterisk.ariUser, password: asterisk.ariPassword }, app: RUNTIME_APP, flows, logger, traceApplications: [HOSTILE_APP] }) : undefined;
  const ari = await AriClient.connect(HOSTILE_APP, asterisk);
  const current = new Map<number, LaneCall>();
  const usedChannels = new Set<string>();
  ari.on('ChannelUserevent', (event) => {
    const fields = event.userevent ?? {};
    const lane = /^hostile-(\d+)$/.exec(fields.flow ?? '');
    if (!lane || (event.eventname !== 'SWFlowNode' && event.eventname !== 'SWFlowEnd')) return;
    const call = current.get(Number(lane[1]));
    const channelId = event.channel?.id ?? '';
    // A late event of a lane's previous call is not this call's.
    if (!call || (call.flowChannel === undefined && usedChannels.has(channelId))) return;
    call.onTrace(event, event.eventname, fields);
    usedChannels.add(channelId);
  });
  ari.on('ChannelDestroyed', (event) => {
    for (const call of current.values()) call.onDestroyed(event.channel.id);
  });

  const outcomes: CallOutcome[] = [];
  const queue = [...calls];
  const started = Date.now();
  const runLane = async (lane: number) => {
    for (let call = queue.shift(); call; call = queue.shift()) outcomes.push(await runCall(lane, call));
  };
  const runCall = async (lane: number, call: HostileCall): Promise<CallOutcome> => {
    service.begin(lane, call.answers);
    const id = `hostile-${engine}-${call.index}`;
    const laneCall = new LaneCall(call, call.via === 'local' ? `${id}-flow` : undefined);
    current.set(lane, laneCall);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), CALL_TIMEOUT_MS)));
    try {
      if (call.via === 'local') {
        await ari.originate({
          endpoint: `Local/${hostileNumber(lane)}@stumpfworks-flows`,
          app: HOSTILE_APP,
          channelId: `${id}-caller`,
          otherChannelId: `${id}-flow`,
          timeout: 60,
          // The connected line of the ;1 leg is the ;2 leg's caller ID, exactly (callerId= would be parsed as "name" <number>).
          variables: { 'CONNECTEDLINE(num)': call.number, 'CONNECTEDLINE(name)': call.name },
        });
        if ((await Promise.race([laneCall.channelGone, timedOut])) === 'timeout') laneCall.problems.push(`no end after ${CALL_TIMEOUT_MS / 1000} s`);
      } else {
        const result = await sippInvite({ sipHost: asterisk.sipHost ?? '127.0.0.1', sipPort: asterisk.sipPort ?? 5060, address: TRUNK_ADDRESS, did: hostileDid(lane), number: call.number, name: call.name, timeoutSeconds: CALL_TIMEOUT_MS / 1000 });
        if (result.code !== 0) laneCall.problems.push(`sipp exited with ${result.code}: ${result.output.trim().split('\n').slice(-6).join(' | ')}`);
        if (laneCall.flowChannel !== undefined && (await Promise.race([laneCall.channelGone, timedOut])) === 'timeout') laneCall.problems.push('the flow channel outlived the SIP call');
      }
    } catch (error) {
      laneCall.problems.push(`call: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    // Events of the same instant may still be on their way.
    await new Promise((resolve) => setTimeout(resolve, 150));
    current.delete(lane);
    return { call, lane, actual: { visits: laneCall.visits, end: laneCall.end }, reported: laneCall.reported, requests: service.requests(lane), problems: laneCall.problems };
  };

  try {
    await Promise.all(Array.from({ length: LANES }, (_, lane) => runLane(lane)));
  } finally {
    await ari.close();
    await runtime?.stop();
    await service.close();
    await restore();
  }

  const mismatches = outcomes.flatMap(({ call, lane, actual, reported, requests, problems }) => {
    const want = expected(flows, lane, reported?.number ?? call.number, call.answers, service.origin);
    const all = [
      ...(reported ? [] : ['Asterisk reported no caller for the call (it never reached the flow)']),
      ...[diffTraces(want.trace, actual, engine)].filter((d): d is string => d !== undefined),
      ...compareRequests(requests, want.requests),
      ...problems,
    ];
    return all.length ? [`[${engine}] ${call.label} (reported ${reported ? shown(reported.number) : '-'})\n    ${all.join('\n    ')}`] : [];
  });
  for (const error of logger.lines.filter((l) => l.level === 'error').slice(0, 5)) console.log(`ari runtime error: ${error.message} ${JSON.stringify(error.fields)}`);
  console.log(`parity: hostile: ${engine}: ${calls.length} calls in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return {
    engine,
    calls: calls.length,
    local: calls.filter((c) => c.via === 'local').length,
    sip: calls.filter((c) => c.via === 'sip').length,
    requests: outcomes.reduce((sum, o) => sum + o.requests.length, 0),
    visited: visitedNodes(flows[0]!, outcomes.map((o) => o.actual)),
    unchanged: {
      local: outcomes.filter((o) => o.call.via === 'local' && o.reported?.number === o.call.number).length,
      sip: outcomes.filter((o) => o.call.via === 'sip' && o.reported?.number === o.call.number).length,
    },
    mismatches: [...mismatches, ...service.stray.map((s) => `[${engine}] a request for no call: ${s}`)],
    canaryFiles: canaryFiles(canary, asterisk.asteriskRoot),
  };
}
