/**
 * `pnpm bench publish`: publish 100 flows and 200 extensions through the server, against
 * Asterisk's own reload of the same files, side by side in one run (`publish_vs_reload_ratio`,
 * the median of each publish's ratio to the reload measured right after it), both starting from
 * the same empty files; the size of the publish's answer (the diff of every file) and what
 * sending that answer alone costs; then requests per second of GET /api/v1/extensions against a
 * bare Hono + SQLite handler (`api_vs_bare_ratio`). Needs the local Asterisk; puts the published
 * files back afterwards.
 */
import { edgeList } from '@stumpfworks/flow';
import { startAnswerServer, startBareServer } from '../apps/server/bench/bare.js';
import { buildConfigSet, GENERATED_FILES } from '../apps/server/src/publish/config-set.js';
import { must, startTestServer, type TestServer } from '../apps/server/src/testing.js';
import { createAri } from '../apps/server/src/asterisk/ari.js';
import { loadLocalAsterisk, probeAsterisk, readGeneratedFile, serverAsteriskEnv, writeGeneratedFile } from '../tests/support/local-asterisk.js';
import { requestsPerSecond } from './load.js';
import { median, report, timeRuns } from './stats.js';

/** Publishes measured, each beside one reload of the same files (the server is filled once). */
const RUNS = 40;
/** Pairs of load windows (API, then bare) and the length of each window. */
const API_PAIRS = 6;
const API_WINDOW_MS = 1000;
const FLOWS = 100;
const EXTENSIONS = 200;
/** The generated files and the module each reloads: the server's own list. */
const MODULES: Record<string, string> = GENERATED_FILES;

const beep = { kind: 'sound', name: 'beep' };
/** A small IVR per flow: two keys to two extensions, each falling back to its mailbox. */
function flowDocument(i: number) {
  const a = String(2000 + 2 * i);
  const b = String(2001 + 2 * i);
  return {
    schemaVersion: 1,
    id: `bench-${i}`,
    name: `Bench ${i}`,
    nodes: [
      { id: 'start', type: 'Start', params: { number: String(7000 + i) } },
      { id: 'menu', type: 'Menu', params: { prompt: beep } },
      { id: 'dial-a', type: 'Dial', params: { targets: [a] } },
      { id: 'dial-b', type: 'Dial', params: { targets: [b] } },
      { id: 'vm-a', type: 'Voicemail', params: { mailbox: a } },
      { id: 'vm-b', type: 'Voicemail', params: { mailbox: b } },
      { id: 'bye', type: 'Hangup', params: {} },
    ],
    edges: edgeList(['start.next->menu', 'menu.1->dial-a', 'menu.2->dial-b', 'menu.timeout->vm-a', 'menu.invalid->bye', 'dial-a.noAnswer->vm-a', 'dial-b.noAnswer->vm-b']),
  };
}

async function populate(t: TestServer): Promise<void> {
  for (let e = 0; e < EXTENSIONS; e++) {
    const id = String(2000 + e);
    await must(t.api('/extensions', { method: 'POST', json: { id, name: `Bench ${id}`, voicemail: { enabled: true, pin: '4711' } } }), `extension ${id}`);
  }
  for (let i = 0; i < FLOWS; i++) {
    await must(t.api('/flows', { method: 'POST', json: flowDocument(i) }), `flow ${i}`);
    await must(t.api(`/flows/bench-${i}/versions`, { method: 'POST' }), `version ${i}`);
  }
}

export async function benchPublish(): Promise<void> {
  const asterisk = loadLocalAsterisk();
  const down = await probeAsterisk(asterisk);
  if (down) throw new Error(`${down}\nstart the local Asterisk first: pnpm asterisk start`);
  const env = serverAsteriskEnv();
  const published = Object.fromEntries(Object.keys(MODULES).map((f) => [f, readGeneratedFile(asterisk, f)]));
  // The reloads go through the server's own ARI client, so that both sides pay the same per request.
  const ari = createAri({ url: asterisk.ariUrl, user: asterisk.ariUser, password: asterisk.ariPassword });
  const reloadAll = async (contents: Record<string, string>) => {
    for (const [file, module] of Object.entries(MODULES)) {
      writeGeneratedFile(asterisk, file, contents[file] ?? '');
      await ari.reloadModule(module);
    }
  };

  const publishTimes: number[] = [];
  let answer = '';
  const reloadTimes: number[] = [];
  let server: TestServer | undefined;
  try {
    server = await startTestServer(env, { ariRuntime: false }); // never take the Stasis app over from a running server
    await populate(server);
    // What the server prepares in the background after each change (not part of the publish below).
    const builds = await timeRuns(3, () => buildConfigSet(server!.server.db));
    report('build_100_flows_200_extensions_ms', median(builds));
    for (let run = 0; run < RUNS; run++) {
      // Both sides start from the same empty generated files, so each writes and reloads everything
      // (pjsip applies only what changed: a reload of unchanged files would be far cheaper).
      const empty = Object.fromEntries(Object.keys(MODULES).map((f) => [f, `; bench reset ${run}\n`]));
      await reloadAll(empty);
      const start = performance.now();
      const response = await server.api('/publish', { method: 'POST' });
      answer = await response.text();
      const result = JSON.parse(answer) as { outcome: string };
      publishTimes.push(performance.now() - start);
      if (!response.ok || result.outcome !== 'applied') throw new Error(`publish answered ${response.status} ${answer.slice(0, 500)}`);
      // Asterisk's own work for the same change: write the published files and reload each module.
      const files = Object.fromEntries(Object.keys(MODULES).map((f) => [f, readGeneratedFile(asterisk, f)]));
      await reloadAll(empty);
      reloadTimes.push(...(await timeRuns(1, () => reloadAll(files))));
    }
    report('publish_100_flows_200_extensions_ms', median(publishTimes));
    report('reload_same_files_ms', median(reloadTimes));
    // Each publish is paired with the reload measured right after it; the median of the pairs'
    // ratios, so that a noisy stretch of the shared machine hits both sides of a pair alike.
    report('publish_vs_reload_ratio', median(publishTimes.map((p, i) => p / reloadTimes[i]!)), 3);
    // The answer carries the diff of every file (all new here): what sending it alone costs, from a
    // bare Hono route, fetched and parsed the same way.
    const echo = await startAnswerServer(answer);
    try {
      const alone = await timeRuns(RUNS, async () => JSON.parse(await (await fetch(`${echo.url}/publish`, { method: 'POST' })).text()));
      report('publish_answer_bytes', answer.length, 0);
      report('publish_answer_alone_ms', median(alone));
    } finally {
      await echo.close();
    }

    const headers = { Authorization: `Bearer ${server!.token}` };
    const rows = (await must(server!.api('/extensions'), 'list')) as Array<{ id: string }>;
    const bare = await startBareServer(rows.map((row) => ({ id: row.id, body: row })));
    try {
      // Short windows, alternating, so that a noisy neighbour hits both sides alike; the ratio is
      // the median of the ratios of each pair of windows.
      const api: number[] = [];
      const baseline: number[] = [];
      for (let pair = 0; pair < API_PAIRS; pair++) {
        api.push(await requestsPerSecond(`${server!.server.url}/api/v1/extensions`, headers, 8, API_WINDOW_MS));
        baseline.push(await requestsPerSecond(`${bare.url}/extensions`, {}, 8, API_WINDOW_MS));
      }
      report('api_extensions_rps', median(api), 0);
      report('bare_extensions_rps', median(baseline), 0);
      report('api_vs_bare_ratio', median(api.map((a, i) => a / baseline[i]!)), 3);
    } finally {
      await bare.close();
    }
  } finally {
    await server?.stop();
    await reloadAll(published);
  }
}
