/**
 * The analytics page in headless Chromium against the real server and real SQLite, seeded with
 * generated calls over the 40 days before today (apps/server/src/history/generate-calls.ts) and a
 * few node visits with keys: the totals, both uPlot charts (canvas), the heatmap, the tables and
 * a funnel render; the range picker's presets and date fields change the figures to what the API
 * says for that range; a chart's and a table's CSV download hold its rows.
 * No Asterisk.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TIME_ZONE, localTime } from '@stumpfworks/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertGeneratedCalls } from '../../apps/server/src/history/generate-calls.js';
import { hasChromium, openWebSession, poll, type WebSession } from './harness.js';

interface Report {
  totals: { calls: number };
  buckets: Array<{ start: string; calls: number; answered: number; missed: number }>;
  extensions: Array<{ id: string; calls: number }>;
  funnels: Array<{ flowId: string }>;
}

/** A `YYYY-MM-DD` date plus `days`. */
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!hasChromium())('the analytics page in Chromium', () => {
  const downloads = mkdtempSync(join(tmpdir(), 'swf-web-analytics-'));
  let web: WebSession;
  let page: WebSession['page'];
  const today = localTime(new Date(), DEFAULT_TIME_ZONE).date;
  const report = (from: string, to: string, granularity = 'day') => web.server.ok<Report>(`/analytics?from=${from}&to=${to}&granularity=${granularity}`);
  const totalCalls = () => page.getByTestId('analytics-totals').locator('[data-figure="anCalls"] dd').textContent();
  const shown = (n: number) => n.toLocaleString('de-DE');
  const csvOf = async (panel: string, name: string) => {
    const download = page.waitForEvent('download');
    await page.getByTestId(panel).getByRole('button', { name: 'CSV herunterladen' }).click();
    const file = await download;
    const path = join(downloads, name);
    await file.saveAs(path);
    return { name: file.suggestedFilename(), lines: readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n') };
  };

  beforeAll(async () => {
    web = await openWebSession({}, {}, { timezoneId: DEFAULT_TIME_ZONE });
    page = web.page;
    // The generator puts office hours relative to a UTC midnight: the one that began today.
    await insertGeneratedCalls(web.server.server.db, { count: 6000, days: 40, end: Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`) });
    const time = new Date().toISOString();
    await web.server.server.db
      .insertInto('node_visits')
      .values([
        { flow_id: 'hotline', flow_version: 3, node_id: 'sales', call_id: 'k1', time, digits: '1', engine: 'dialplan' },
        { flow_id: 'hotline', flow_version: 3, node_id: 'support', call_id: 'k2', time, digits: '2', engine: 'ari' },
      ])
      .execute();
  });

  afterAll(async () => {
    await web?.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  it('shows the last 7 days: totals, both charts, the heatmap, the tables and the funnels', async () => {
    const week = await report(addDays(today, -6), today);
    expect(week.totals.calls).toBeGreaterThan(0);
    await page.goto(`${web.server.server.url}/analytics`);
    await poll(() => page.getByRole('navigation').getByRole('link', { name: 'Auswertung', exact: true }).count()).toBe(1);
    await poll(totalCalls).toBe(shown(week.totals.calls));
    for (const chart of ['analytics-calls-chart', 'analytics-wait-chart']) await poll(() => page.getByTestId(chart).locator('canvas').count()).toBe(1);
    expect(await page.getByTestId('analytics-calls-chart').textContent()).toContain('angenommen');
    expect(await page.getByTestId('analytics-heatmap').getByRole('cell').count()).toBe(7 * 24);
    await poll(() => page.getByRole('table', { name: 'Nebenstellen' }).locator('tbody tr').count()).toBe(week.extensions.length);
    expect(await page.getByTestId('analytics-funnels').locator('table').count()).toBe(week.funnels.length);
    const sales = page.getByTestId('analytics-funnels').locator('table[data-flow="hotline"] tr[data-node="sales"]');
    expect(await sales.textContent()).toContain('1 (1)');
    await web.shot('90-analytics');
  });

  it('the range picker changes the figures: a preset, then the date fields, then hours', async () => {
    const month = await report(addDays(today, -29), today);
    await page.getByRole('button', { name: 'Letzte 30 Tage' }).click();
    await poll(totalCalls).toBe(shown(month.totals.calls));
    // Key presses are kept 7 days: a longer range says from when they count.
    await poll(() => page.getByTestId('analytics-keys-since').count()).toBe(1);

    const day = addDays(today, -3);
    const one = await report(day, day, 'hour');
    await page.getByLabel('Von', { exact: true }).fill(day);
    await page.getByLabel('Bis', { exact: true }).fill(day);
    await page.getByLabel('Einteilung').selectOption('hour');
    await poll(() => page.locator('section.analytics').getAttribute('aria-busy')).toBe('false');
    await poll(totalCalls).toBe(shown(one.totals.calls));
    await web.shot('91-analytics-one-day');
  });

  it('downloads a chart and a table as CSV with German headers and every row', async () => {
    const day = addDays(today, -3);
    const one = await report(day, day, 'hour');
    const calls = await csvOf('analytics-calls', 'calls.csv');
    expect(calls.name).toBe(`calls-${day}-${day}.csv`);
    expect(calls.lines[0]).toBe('Beginn,Anrufe,angenommen,verpasst,aufgelegt,Mailbox,besetzt,fehlgeschlagen');
    expect(calls.lines).toHaveLength(1 + one.buckets.length);
    const busiest = one.buckets.toSorted((a, b) => b.calls - a.calls)[0]!;
    expect(calls.lines).toContainEqual(expect.stringMatching(new RegExp(`^${busiest.start.replace('+', '\\+')},${busiest.calls},${busiest.answered},${busiest.missed},`)));
    const extensions = await csvOf('analytics-extensions', 'extensions.csv');
    expect(extensions.lines[0]).toMatch(/^Nebenstelle,Anrufe,angenommen,/);
    expect(extensions.lines).toHaveLength(1 + (await report(day, day)).extensions.length);
    expect(web.errors).toEqual([]);
  });
});
