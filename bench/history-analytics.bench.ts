/**
 * The analytics figure of issue #19 (`pnpm bench history`, wired by the lead): a real server (temp
 * DATA_DIR, no Asterisk) with CALLS generated calls (default 1,000,000 over the year before
 * 2026-12-01, apps/server/src/history/generate-calls.ts), then RUNS `GET /api/v1/analytics` over
 * HTTP on loopback: every chart, table and funnel of one busy day by hour (`analytics_day_ms`,
 * median; goal under 200), of a month by day (`analytics_month_ms`) and of the whole year by week
 * (`analytics_year_ms`), each with the calls it counted.
 */
import { insertGeneratedCalls } from '../apps/server/src/history/generate-calls.js';
import { startTestServer } from '../apps/server/src/testing.js';
import { median, report, timeRuns } from './stats.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

export async function benchAnalyticsDay(): Promise<void> {
  const t = await startTestServer();
  try {
    const fill = performance.now();
    await insertGeneratedCalls(t.server.db, { count: CALLS });
    console.log(`calls=${CALLS} runs=${RUNS} fill_s=${((performance.now() - fill) / 1000).toFixed(1)}`);
    const measure = async (key: string, query: string, runs = RUNS) => {
      let calls = 0;
      const get = async () => {
        const response = await t.api(`/analytics?${query}`);
        const body = (await response.json()) as { totals: { calls: number } };
        if (response.status !== 200 || body.totals.calls === 0) throw new Error(`GET /analytics?${query}: ${response.status}`);
        calls = body.totals.calls;
      };
      await get(); // warm-up: the prepared statement, the page cache
      report(key, median(await timeRuns(runs, get)), 1);
      console.log(`${key.replace(/_ms$/, '')}_calls=${calls}`);
    };
    // Tuesday 24 November 2026: a working day inside the generated year.
    await measure('analytics_day_ms', 'from=2026-11-24&to=2026-11-24&granularity=hour');
    await measure('analytics_month_ms', 'from=2026-11-01&to=2026-11-30&granularity=day');
    await measure('analytics_year_ms', 'from=2025-12-01&to=2026-11-30&granularity=week', 3);
  } finally {
    await t.stop();
  }
}
