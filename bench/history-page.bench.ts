/**
 * The history page figures of issue #19 (`pnpm bench history`): a real server (temp DATA_DIR, no
 * Asterisk) with CALLS generated calls (default 1,000,000; apps/server/src/history/generate-calls.ts,
 * a year before 2026-12-01), then RUNS requests of `GET /api/v1/history?limit=50` over HTTP on
 * loopback each: `history_page_ms` (median of a filtered page: one extension and one outcome over a
 * month; goal under 50), the first page, a page half a million rows deep (by its keyset cursor), a
 * number-prefix search, and `history_csv_rows_per_s` (a month's CSV, streamed). Then the size of
 * 100,000 generated calls in a fresh database with its indexes, after VACUUM.
 */
import { insertGeneratedCalls } from '../apps/server/src/history/generate-calls.js';
import { generatedHistoryBytes } from '../apps/server/src/history/measure-size.js';
import { encodeCursor } from '../apps/server/src/routes/history/history.schema.js';
import { startTestServer } from '../apps/server/src/testing.js';
import { median, report, timeRuns } from './stats.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

export async function benchHistoryPage(): Promise<void> {
  const t = await startTestServer();
  try {
    const filled = performance.now();
    await insertGeneratedCalls(t.server.db, { count: CALLS });
    console.log(`calls=${CALLS} runs=${RUNS} fill_s=${((performance.now() - filled) / 1000).toFixed(1)}`);
    const page = (query: string) => async () => {
      const response = await t.api(`/history?${query}`);
      const body = (await response.json()) as { calls: unknown[] };
      if (response.status !== 200 || body.calls.length === 0) throw new Error(`GET /history?${query}: ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
    };
    const measure = async (key: string, query: string) => {
      await page(query)(); // warm-up: the prepared statements
      report(key, median(await timeRuns(RUNS, page(query))), 1);
    };
    const month = 'from=2026-10-01T00:00:00Z&to=2026-10-31T23:59:59Z';
    await measure('history_page_ms', `limit=50&extension=3007&outcome=answered&${month}`);
    await measure('history_first_page_ms', 'limit=50');
    const middle = await t.server.db.selectFrom('call_history').select(['started_at', 'linkedid']).orderBy('started_at', 'desc').orderBy('linkedid', 'desc').offset(Math.floor(CALLS / 2)).limit(1).executeTakeFirstOrThrow();
    await measure('history_deep_page_ms', `limit=50&cursor=${encodeCursor({ sort: 'startedAt', dir: 'desc', value: middle.started_at, linkedid: middle.linkedid })}`);
    const someone = await t.server.db.selectFrom('call_history').select('caller').where('direction', '=', 'inbound').limit(1).offset(1000).executeTakeFirstOrThrow();
    await measure('history_number_ms', `limit=50&number=${encodeURIComponent(someone.caller.slice(0, 9))}`);
    await measure('history_missed_month_ms', `limit=50&outcome=missed,abandoned&${month}`);
    await measure('history_talk_sort_month_ms', `limit=50&sort=talkMs&${month}`);

    let rows = 0;
    const started = performance.now();
    const csv = await t.api(`/history.csv?${month}`);
    const reader = csv.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) rows++;
    }
    rows -= 1; // the header
    report('history_csv_rows', rows, 0);
    report('history_csv_rows_per_s', rows / ((performance.now() - started) / 1000), 0);
  } finally {
    await t.stop();
  }
  report('history_bytes_per_100k_calls', await generatedHistoryBytes(100_000), 0);
}
