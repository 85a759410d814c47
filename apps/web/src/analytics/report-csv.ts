import type { components } from '../api/schema.gen.js';
import type { TextKey, Translate } from '../i18n.js';
import { toCsv, type Cell } from './csv.js';

export type Report = components['schemas']['Analytics'];
type Group = Report['trunks'][number];

export const OUTCOME_KEYS = [
  ['answered', 'anAnswered'],
  ['missed', 'anMissed'],
  ['abandoned', 'anAbandoned'],
  ['voicemail', 'anVoicemail'],
  ['busy', 'anBusy'],
  ['failed', 'anFailed'],
] as const satisfies readonly (readonly [keyof Group, TextKey])[];

const secondsCell = (ms: number | null): Cell => (ms === null ? null : Math.round(ms / 100) / 10);
const shareCell = (share: number | null): Cell => (share === null ? null : Math.round(share * 1000) / 1000);

/** The CSV of every chart and table of the page, with headers in the UI language; times are local with their offset. */
export const reportCsv = {
  calls: (r: Report, t: Translate) =>
    toCsv([t('anStart'), t('anCalls'), ...OUTCOME_KEYS.map(([, label]) => t(label))], r.buckets.map((b) => [b.start, b.calls, ...OUTCOME_KEYS.map(([key]) => b[key])])),
  wait: (r: Report, t: Translate) =>
    toCsv([t('anStart'), `${t('anAvgWait')} (s)`, `${t('anP90Wait')} (s)`, t('anServiceLevel')], r.buckets.map((b) => [b.start, secondsCell(b.avgWaitMs), secondsCell(b.p90WaitMs), shareCell(b.serviceLevel)])),
  heatmap: (r: Report, t: Translate, weekdays: readonly string[]) =>
    toCsv([t('anWeekday'), ...Array.from({ length: 24 }, (_, hour) => `${hour}:00`)], r.heatmap.map((row, day) => [weekdays[day] ?? String(day + 1), ...row])),
  groups: (rows: readonly Group[], id: TextKey, t: Translate) =>
    toCsv(
      [t(id), t('anCalls'), ...OUTCOME_KEYS.map(([, label]) => t(label)), `${t('anAvgWait')} (s)`, `${t('anP90Wait')} (s)`, t('anServiceLevel')],
      rows.map((g) => [g.id, g.calls, ...OUTCOME_KEYS.map(([key]) => g[key]), secondsCell(g.avgWaitMs), secondsCell(g.p90WaitMs), shareCell(g.serviceLevel)]),
    ),
  funnels: (r: Report, t: Translate) =>
    toCsv(
      [t('anFlow'), t('anVersion'), t('anNode'), t('anReached'), t('anHungUp'), t('anKeys')],
      r.funnels.flatMap((f) => f.nodes.map((n) => [f.flowId, f.flowVersion, n.nodeId, n.reached, n.hungUp, n.keys.map((k) => `${k.digits}:${k.calls}`).join(' ')])),
    ),
};
