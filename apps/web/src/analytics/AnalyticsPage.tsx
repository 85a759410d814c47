import { keepPreviousData } from '@tanstack/react-query';
import { DEFAULT_TIME_ZONE, localTime } from '@stumpfworks/flow';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { ErrorText } from '../admin/outcome.js';
import { useApi } from '../api/useApi.js';
import { useI18n, type TextKey } from '../i18n.js';
import { Chart, type ChartSeries } from './Chart.js';
import { downloadCsv } from './csv.js';
import { bucketLabel, count, percent, seconds } from './format.js';
import { Funnel } from './Funnel.js';
import { GroupTable } from './GroupTable.js';
import { Heatmap } from './Heatmap.js';
import { addDays, daysIn, RangePicker, type Range } from './RangePicker.js';
import { OUTCOME_KEYS, reportCsv, type Report } from './report-csv.js';
import './analytics.css';

type Granularity = Report['granularity'];

/** The outcomes' colours: answered green, the kinds of not answered from amber to red, voicemail blue. */
const COLOURS: Record<(typeof OUTCOME_KEYS)[number][0], string> = {
  answered: '#2b8a3e',
  missed: '#e8590c',
  abandoned: '#f59f00',
  voicemail: '#1c7ed6',
  busy: '#ae3ec9',
  failed: '#c92a2a',
};

/** A titled part of the page with its CSV download. */
function Panel({ title, file, csv, children, testId }: { title: string; file: string; csv: () => string; children: ReactNode; testId: string }) {
  const { t } = useI18n();
  return (
    <section className="analytics-panel" aria-label={title} data-testid={testId}>
      <h3>
        {title}{' '}
        <button type="button" className="analytics-csv" onClick={() => downloadCsv(file, csv())}>
          {t('anCsv')}
        </button>
      </h3>
      {children}
    </section>
  );
}

/** The headline figures of the range. */
function Totals({ report }: { report: Report }) {
  const { t, language } = useI18n();
  const figures: [TextKey, string][] = [
    ['anCalls', count(report.totals.calls, language)],
    ['anAnswered', count(report.totals.answered, language)],
    ['anAvgWait', `${seconds(report.totals.avgWaitMs)} s`],
    ['anP90Wait', `${seconds(report.totals.p90WaitMs)} s`],
    ['anServiceLevel', percent(report.totals.serviceLevel)],
  ];
  return (
    <dl className="analytics-totals" data-testid="analytics-totals">
      {figures.map(([label, value]) => (
        <div key={label} data-figure={label}>
          <dt>{t(label)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Call analytics (issue #19): pick days and a granularity; the server counts everything in one
 * request (GET /analytics) in the company's time zone. Calls by outcome and the waits as uPlot
 * charts, the busiest hours as a grid, tables per extension, trunk and queue, and a funnel per
 * flow version; each with its CSV.
 */
export function AnalyticsPage() {
  const api = useApi();
  const { t, weekdays } = useI18n();
  const ids = { granularity: useId(), serviceLevel: useId() };
  const today = localTime(new Date(), DEFAULT_TIME_ZONE).date;
  const [range, setRange] = useState<Range>({ from: addDays(today, -6), to: today });
  const [chosen, setGranularity] = useState<Granularity>('day');
  const [serviceLevelSeconds, setServiceLevelSeconds] = useState(20);
  // By hour only up to 31 days (the server's bound): a longer range falls back to days.
  const hourly = daysIn(range) <= 31;
  const granularity = chosen === 'hour' && !hourly ? 'day' : chosen;
  const analytics = api.query.useQuery(
    'get',
    '/analytics',
    { params: { query: { ...range, granularity, serviceLevelSeconds, timeZone: DEFAULT_TIME_ZONE } } },
    { placeholderData: keepPreviousData },
  );
  const report = analytics.data;
  const labels = useMemo(() => report?.buckets.map((b) => bucketLabel(b.start, report.granularity)) ?? [], [report]);
  const outcomeSeries = useMemo<ChartSeries[]>(
    () => (report ? OUTCOME_KEYS.map(([key, label]) => ({ label: t(label), color: COLOURS[key], values: report.buckets.map((b) => b[key]) })) : []),
    [report, t],
  );
  const waitSeries = useMemo<ChartSeries[]>(
    () =>
      report
        ? [
            { label: t('anAvgWait'), color: '#1c7ed6', values: report.buckets.map((b) => (b.avgWaitMs === null ? null : b.avgWaitMs / 1000)) },
            { label: t('anP90Wait'), color: '#e8590c', values: report.buckets.map((b) => (b.p90WaitMs === null ? null : b.p90WaitMs / 1000)) },
          ]
        : [],
    [report, t],
  );
  const file = (what: string) => `${what}-${range.from}-${range.to}.csv`;
  return (
    <section className="admin-page analytics" aria-label={t('navAnalytics')} aria-busy={analytics.isFetching}>
      <h2>{t('anTitle')}</h2>
      <div className="analytics-controls">
        <RangePicker range={range} today={today} onChange={setRange} />
        <label htmlFor={ids.granularity}>{t('anGranularity')}</label>
        <select id={ids.granularity} value={granularity} onChange={(e) => setGranularity(e.target.value as Granularity)}>
          <option value="hour" disabled={!hourly} title={hourly ? undefined : t('anHourTooLong')}>
            {t('anHour')}
          </option>
          <option value="day">{t('anDay')}</option>
          <option value="week">{t('anWeek')}</option>
        </select>
        <label htmlFor={ids.serviceLevel}>{t('anServiceLevelSeconds')}</label>
        <input
          id={ids.serviceLevel}
          type="number"
          min={1}
          max={3600}
          value={serviceLevelSeconds}
          onChange={(e) => Number(e.target.value) >= 1 && setServiceLevelSeconds(Math.min(3600, Math.round(Number(e.target.value))))}
        />
      </div>
      <p className="hint">{t('anTimeZone').replace('{zone}', DEFAULT_TIME_ZONE)}</p>
      <ErrorText error={analytics.error} />
      {!report && !analytics.error && <p>{t('anLoading')}</p>}
      {report && (
        <>
          <Totals report={report} />
          <p className="hint">{t('anHint')}</p>
          {report.totals.calls === 0 && <p data-testid="analytics-empty">{t('anNone')}</p>}
          <Panel title={t('anCallsTitle')} file={file('calls')} csv={() => reportCsv.calls(report, t)} testId="analytics-calls">
            <Chart labels={labels} series={outcomeSeries} stacked label={t('anCallsTitle')} testId="analytics-calls-chart" />
            <p className="hint">{t('anOutcomeHint')}</p>
          </Panel>
          <Panel title={t('anWaitTitle')} file={file('wait')} csv={() => reportCsv.wait(report, t)} testId="analytics-wait">
            <Chart labels={labels} series={waitSeries} label={t('anWaitTitle')} testId="analytics-wait-chart" />
          </Panel>
          <Panel title={t('anHeatmapTitle')} file={file('busiest-hours')} csv={() => reportCsv.heatmap(report, t, weekdays.map((w) => w.long))} testId="analytics-busiest">
            <Heatmap cells={report.heatmap} />
          </Panel>
          {(
            [
              ['extensions', 'anExtensions', 'anExtension'],
              ['trunks', 'anTrunks', 'anTrunk'],
              ['queues', 'anQueues', 'anQueue'],
            ] as const
          ).map(([key, title, id]) => (
            <Panel key={key} title={t(title)} file={file(key)} csv={() => reportCsv.groups(report[key], id, t)} testId={`analytics-${key}`}>
              <GroupTable rows={report[key]} id={id} label={t(title)} />
            </Panel>
          ))}
          <Panel title={t('anFunnels')} file={file('ivr-funnel')} csv={() => reportCsv.funnels(report, t)} testId="analytics-funnels">
            {report.keysSince !== report.start && (
              <p className="hint" data-testid="analytics-keys-since">
                {t('anKeysSince').replace('{since}', `${report.keysSince.slice(0, 10)} ${report.keysSince.slice(11, 16)}`)}
              </p>
            )}
            {report.funnels.map((funnel) => (
              <Funnel key={`${funnel.flowId}@${funnel.flowVersion}`} funnel={funnel} />
            ))}
          </Panel>
        </>
      )}
    </section>
  );
}
