/**
 * The recordings list figure of issue #18 (`pnpm bench media`, after voicemail-mail.bench.ts): a real server (temp DATA_DIR,
 * no Asterisk, an empty RECORDINGS_DIR) with RECORDINGS index rows (default 100,000) inserted in
 * one transaction, then RUNS `GET /api/v1/recordings?limit=50` over HTTP on loopback: the first
 * page, a page deep in the list, a time range and an extension filter, each with the total and the
 * storage sum. Prints `recordings_list_ms` (median of the first page; goal under 50) and the others.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from '../apps/server/src/testing.js';
import { median, report, timeRuns } from './stats.js';

const RECORDINGS = Number(process.env.BENCH_RECORDINGS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

export async function benchRecordings(): Promise<void> {
  const spool = mkdtempSync(join(tmpdir(), 'swf-bench-rec-'));
  const t = await startTestServer({ RECORDINGS_DIR: spool });
  try {
    const start = Date.parse('2026-01-01T00:00:00Z');
    const rows = Array.from({ length: RECORDINGS }, (_, i) => {
      const uniqueId = `${1767225600 + i}.${i}`;
      const caller = String(1000 + (i % 200));
      return {
        call_id: uniqueId,
        started_at: new Date(start + i * 300_000).toISOString(),
        caller,
        callee: i % 3 === 0 ? `0049301234${String(i % 10_000).padStart(4, '0')}` : String(1200 + (i % 150)),
        direction: (['internal', 'inbound', 'outbound'] as const)[i % 3]!,
        kind: i % 2 === 0 ? ('always' as const) : ('onDemand' as const),
        duration_ms: 60_000 + (i % 600) * 1000,
        size_bytes: 44 + 16 * (60_000 + (i % 600) * 1000),
        file: `always-${1767225600 + i}-${uniqueId}.wav`,
      };
    });
    await t.server.db.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += 500) await tx.insertInto('recordings').values(rows.slice(i, i + 500)).execute();
    });
    const list = (query: string) => async () => {
      const response = await t.api(`/recordings?${query}`);
      const body = (await response.json()) as { recordings: unknown[] };
      if (response.status !== 200 || body.recordings.length === 0) throw new Error(`GET /recordings?${query}: ${response.status}`);
    };
    const measure = async (key: string, query: string) => {
      await list(query)(); // warm-up: the prepared statements
      report(key, median(await timeRuns(RUNS, list(query))), 1);
    };
    console.log(`recordings=${RECORDINGS} runs=${RUNS}`);
    await measure('recordings_list_ms', 'limit=50');
    await measure('recordings_list_deep_page_ms', 'limit=50&offset=50000');
    await measure('recordings_list_month_ms', 'limit=50&from=2026-03-01T00:00:00Z&to=2026-03-31T23:59:59Z');
    await measure('recordings_list_extension_ms', 'limit=50&extension=1042');
  } finally {
    await t.stop();
    rmSync(spool, { recursive: true, force: true });
  }
}
