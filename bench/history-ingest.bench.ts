/**
 * The call history's ingest under load (issue #19): sipp, as a provider on its own loopback address,
 * places CALLS short calls (HOLD_MS each) through a trunk into the real Asterisk at RATE calls/s;
 * each runs a published flow (Start -> Play, the caller hangs up while it plays). The server builds
 * one call_history row per call from Asterisk's CEL journal. Prints `ingest_calls_per_s` (rows
 * written per second from the first call placed to the last row written), `ingest_lost` (calls
 * sipp completed minus rows: must be 0), `ingest_lag_ms` (from sipp's end to the last row) and
 * `ingest_placed`. A call sipp counts as failed (a retransmission timeout under load) may still have
 * reached Asterisk and have its row: ingest_lost is then negative. Needs the local Asterisk
 * (asterisk.sh start + env) and sipp.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_FILES } from '../apps/server/src/publish/config-set.js';
import { startTestServer } from '../apps/server/src/testing.js';
import { freePort } from '../tests/server/sipp.js';
import { keepGeneratedFiles, loadLocalAsterisk, serverAsteriskEnv, stateFilePath } from '../tests/support/local-asterisk.js';
import { report } from './stats.js';

const CALLS = Number(process.env.BENCH_HISTORY_CALLS ?? 3000);
const RATE = Number(process.env.BENCH_HISTORY_RATE ?? 120); // above the goal of 100/s: rows at the placing rate show the ingest keeps up
const HOLD_MS = 200;
const SCENARIO = fileURLToPath(new URL('../tests/server/sipp/trunk-short-call.xml', import.meta.url));
const PROVIDER = '127.0.5.41';
const DID = '4930941';
const CALLER = '03094100000';

/** Runs sipp to the end (bounded by its own -timeout); the calls it completed. */
async function placeCalls(sipPort: number, localPort: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'swf-bench-history-'));
  try {
    const args = [
      `127.0.0.1:${sipPort}`, '-sf', SCENARIO, '-s', DID, '-key', 'from', CALLER, '-key', 'name', 'Bench',
      '-i', PROVIDER, '-p', String(localPort), '-r', String(RATE), '-m', String(CALLS), '-l', String(RATE * 4), '-d', String(HOLD_MS),
      '-nostdin', '-timeout', `${Math.ceil(CALLS / RATE) + 120}s`, '-timeout_error', '-trace_stat', '-stf', join(dir, 'stat.csv'),
    ];
    const child = spawn('sipp', args, { cwd: dir, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const lines = readFileSync(join(dir, 'stat.csv'), 'utf8').trim().split('\n');
    const header = lines[0]!.split(';');
    const last = lines[lines.length - 1]!.split(';');
    const successful = Number(last[header.indexOf('SuccessfulCall(C)')]);
    const failed = Number(last[header.indexOf('FailedCall(C)')]);
    if (code !== 0) console.error(`sipp exited with ${code}: ${failed} call(s) failed`);
    return successful;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchHistoryIngest(): Promise<void> {
  const asterisk = loadLocalAsterisk();
  const { sipPort } = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number };
  const restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
  const t = await startTestServer(serverAsteriskEnv(), { ariRuntime: false });
  try {
    const localPort = await freePort();
    await t.ok('/trunks', { method: 'POST', json: { id: 'bench', name: 'Bench provider', type: 'ip', server: PROVIDER, port: localPort, codecs: ['ulaw'] } });
    const flow = {
      schemaVersion: 1, id: 'bench-history', name: 'Bench history', deployment: 'dialplan',
      nodes: [{ id: 'start', type: 'Start', params: {} }, { id: 'hello', type: 'Play', params: { prompt: { kind: 'sound', name: 'hello-world' } } }, { id: 'bye', type: 'Hangup', params: {} }],
      edges: [{ from: 'start', output: 'next', to: 'hello' }, { from: 'hello', output: 'next', to: 'bye' }],
    };
    await t.ok('/flows', { method: 'POST', json: flow });
    await t.ok('/flows/bench-history/versions', { method: 'POST' });
    await t.ok('/routes/inbound', { method: 'POST', json: { id: 'bench-history', did: DID, target: { type: 'flow', id: 'bench-history' } } });
    await t.ok('/publish', { method: 'POST' });
    await t.server.history!.catchUp();

    const rows = async (since: number) =>
      Number((await t.server.db.selectFrom('call_history').select((eb) => eb.fn.countAll<number>().as('n')).where('trunk_id', '=', 'bench').where('started_at', '>=', since).executeTakeFirstOrThrow()).n);
    const started = Date.now();
    const placed = await placeCalls(sipPort, localPort);
    const sippDone = Date.now();
    // The rows of the last calls follow within moments; bounded: 60 s without a new row ends the wait.
    let count = await rows(started);
    let lastChange = Date.now();
    let lastRowAt = lastChange;
    while (count < placed && Date.now() - lastChange < 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = await rows(started);
      if (now !== count) {
        count = now;
        lastChange = lastRowAt = Date.now();
      }
    }
    report('ingest_placed', placed, 0);
    report('ingest_calls_per_s', count / ((lastRowAt - started) / 1000), 1);
    report('ingest_lost', placed - count, 0);
    report('ingest_lag_ms', Math.max(0, lastRowAt - sippDone), 0);
  } finally {
    await t.stop();
    await restoreFiles();
  }
}
