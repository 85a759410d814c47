/**
 * `pnpm bench runtime`: concurrent Local-channel calls through examples/musterfirma.flow.json,
 * once with the flow compiled to the dialplan and once deployed in `ari` mode (the ARI runtime
 * runs in this process), side by side in one run. Each call goes main menu -> * -> info menu
 * -> 0 -> main menu -> * -> info menu -> 0 -> main menu -> 2 -> Support answers. Measures
 * completed calls per second and the p95 latency from a key to the next menu's prompt.
 * Bounded: CALLS calls per mode, CONCURRENCY at once, each call at most CALL_TIMEOUT_MS.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlow, type Flow } from '@stumpfworks/flow';
import { MemoryLogger, startRuntime } from '../packages/ari-runtime/src/index.js';
import { AriClient, channelOf, type AriEvent } from '../tests/support/ari.js';
import { loadLocalAsterisk, probeAsterisk, readGeneratedFile, reloadModule, writeGeneratedFile, type LocalAsterisk } from '../tests/support/local-asterisk.js';
import { loadFlowsIntoAsterisk, TARGET_APP } from '../tests/parity/pbx-setup.js';
import { percentile, report } from './stats.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 60);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const CALL_TIMEOUT_MS = 60_000;
const APP = 'bench-caller';
/** The runtime's Stasis app: its own name, so a product server on the same Asterisk keeps `stumpfworks`. */
const RUNTIME_APP = 'stumpfworks-bench';
const KEYS = ['*', '0', '*', '0', '2'];
const AT = Math.floor(new Date('2026-06-03T10:00:00+02:00').getTime() / 1000); // open hours

interface CallStats {
  ok: boolean;
  latencies: number[];
}

/** One call: answers each menu with the next key and times key -> next menu's prompt. */
function runCall(ari: AriClient, id: string, number: string, routes: Map<string, (e: AriEvent) => void>): Promise<CallStats> {
  return new Promise((resolve) => {
    const latencies: number[] = [];
    let step = 0;
    let sentAt = 0;
    let callerReady = false;
    let pendingInput = false;
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      routes.delete(`${id}-flow`);
      routes.delete(`${id}-caller`);
      resolve({ ok, latencies });
    };
    const timer = setTimeout(() => {
      void ari.hangup(`${id}-caller`).catch(() => undefined);
      finish(false);
    }, CALL_TIMEOUT_MS);
    const onInput = () => {
      if (!callerReady) {
        pendingInput = true;
        return;
      }
      if (step > 0 && step < KEYS.length) latencies.push(performance.now() - sentAt);
      const key = KEYS[step++];
      if (key === undefined) return;
      sentAt = performance.now();
      void ari.sendDtmf(`${id}-caller`, key, { duration: 100 }).catch(() => finish(false));
    };
    routes.set(`${id}-caller`, () => {
      callerReady = true;
      if (pendingInput) onInput();
    });
    routes.set(`${id}-flow`, (event) => {
      const app = String((event as { dialplan_app?: string }).dialplan_app ?? '').toLowerCase();
      const name = (event as { eventname?: string }).eventname;
      if (event.type === 'ChannelDialplan' && app === 'background') onInput();
      else if (event.type === 'ChannelUserevent' && name === 'SWFlowInput') onInput();
      else if (event.type === 'ChannelUserevent' && name === 'SWFlowEnd') finish((event as { userevent?: { outcome?: string } }).userevent?.outcome === 'connected');
      else if (event.type === 'ChannelDestroyed') finish(false);
    });
    ari
      .originate({
        endpoint: `Local/${number}@stumpfworks-flows`,
        app: APP,
        channelId: `${id}-caller`,
        otherChannelId: `${id}-flow`,
        variables: { __SWF_NOW: String(AT), __SWF_PATH: '0' },
      })
      .catch(() => finish(false));
  });
}

async function runMode(asterisk: LocalAsterisk, flow: Flow, mode: 'dialplan' | 'ari') {
  const deployed = { ...flow, deployment: mode };
  await loadFlowsIntoAsterisk(asterisk, [deployed]);
  const runtime =
    mode === 'ari'
      ? await startRuntime({
          ari: { url: asterisk.ariUrl, user: asterisk.ariUser, password: asterisk.ariPassword },
          app: RUNTIME_APP,
          flows: [deployed],
          logger: new MemoryLogger(),
          dialString: (target) => `Local/${target}@${TARGET_APP}`,
          transferDialString: (number) => `Local/${number}@${TARGET_APP}`,
          traceApplications: [APP],
          traceInputs: true,
        })
      : undefined;
  const ari = await AriClient.connect(`${APP},${TARGET_APP}`, asterisk);
  const routes = new Map<string, (e: AriEvent) => void>();
  ari.on('StasisStart', (event) => {
    if (event.application === TARGET_APP) {
      // Support answers, talks briefly, hangs up.
      void ari
        .answer(event.channel.id)
        .then(() => new Promise((r) => setTimeout(r, 200)))
        .then(() => ari.hangup(event.channel.id))
        .catch(() => undefined);
    } else if (event.application === APP) routes.get(event.channel.id)?.(event);
  });
  for (const type of ['ChannelUserevent', 'ChannelDialplan', 'ChannelDestroyed'] as const) {
    ari.on(type, (event) => {
      if (event.application === APP) routes.get(channelOf(event)?.id ?? '')?.(event);
    });
  }
  const start = performance.now();
  const stats: CallStats[] = [];
  let next = 0;
  const worker = async () => {
    while (next < CALLS) {
      const n = next++;
      stats.push(await runCall(ari, `bench-${mode}-${n}`, '100', routes));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - start) / 1000;
  await ari.close();
  await runtime?.stop();
  const completed = stats.filter((s) => s.ok).length;
  return { completed, rate: completed / seconds, p95: percentile(stats.flatMap((s) => s.latencies), 95) };
}

export async function benchRuntime(): Promise<void> {
  const asterisk = loadLocalAsterisk();
  const down = await probeAsterisk(asterisk);
  if (down) throw new Error(`${down}\nstart the local Asterisk first: pnpm asterisk start`);
  const parsed = parseFlow(readFileSync(join(import.meta.dirname, '..', 'examples', 'musterfirma.flow.json'), 'utf8'));
  if (!parsed.ok) throw new Error('examples/musterfirma.flow.json does not parse');
  const saved = Object.fromEntries(['extensions.conf', 'extensions-test.conf', 'voicemail.conf', 'queues.conf'].map((f) => [f, readGeneratedFile(asterisk, f)]));
  try {
    const dialplan = await runMode(asterisk, parsed.flow, 'dialplan');
    const ari = await runMode(asterisk, parsed.flow, 'ari');
    console.log(`calls_per_mode=${CALLS} concurrency=${CONCURRENCY}`);
    console.log(`dialplan_completed=${dialplan.completed} ari_completed=${ari.completed}`);
    report('dialplan_calls_per_second', dialplan.rate);
    report('ari_calls_per_second', ari.rate);
    report('ari_vs_dialplan_call_rate_ratio', ari.rate / dialplan.rate, 3);
    report('dialplan_dtmf_to_prompt_p95_ms', dialplan.p95, 1);
    report('ari_dtmf_to_prompt_p95_ms', ari.p95, 1);
  } finally {
    const modules: Record<string, string> = { 'extensions.conf': 'pbx_config.so', 'extensions-test.conf': 'pbx_config.so', 'voicemail.conf': 'app_voicemail.so', 'queues.conf': 'app_queue.so' };
    for (const [file, content] of Object.entries(saved)) writeGeneratedFile(asterisk, file, content);
    for (const module of new Set(Object.values(modules))) await reloadModule(asterisk, module);
  }
}
