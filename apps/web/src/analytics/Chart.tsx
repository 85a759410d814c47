import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useI18n } from '../i18n.js';

export interface ChartSeries {
  label: string;
  values: readonly (number | null)[];
  color: string;
}

/** Tick steps along the buckets: whole buckets only (an hour, a day or a week each). */
const STEPS = [1, 2, 3, 4, 6, 8, 12, 24, 48, 72, 168, 336];

/** The running sums of the series: what each stacked bar reaches up to. */
function stackedValues(series: readonly ChartSeries[]): number[][] {
  const sums: number[][] = [];
  series.forEach((s, i) => sums.push(s.values.map((v, j) => (v ?? 0) + (i > 0 ? sums[i - 1]![j]! : 0))));
  return sums;
}

/**
 * A uPlot chart over buckets (canvas: fast with thousands of points): stacked bars, or lines.
 * The x axis is the bucket's number, labelled with `labels` (local times the server gave), so the
 * day the clocks go back shows its 02:00 twice instead of a gap or an overlap. The legend shows each
 * series' own value at the cursor, also when stacked.
 */
export function Chart({ labels, series, stacked, label, testId }: { labels: readonly string[]; series: readonly ChartSeries[]; stacked?: boolean; label: string; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const { language } = useI18n();
  useEffect(() => {
    const target = box.current;
    if (!target) return;
    const xs = labels.map((_, i) => i);
    const sums = stacked ? stackedValues(series) : undefined;
    // Stacked: the tallest bar (all outcomes) is drawn first, each smaller sum over it.
    const order = series.map((_, i) => i);
    if (stacked) order.reverse();
    const bars = uPlot.paths.bars!({ size: [0.8, 40] });
    const plot = new uPlot(
      {
        width: target.clientWidth || 800,
        height: 240,
        scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] } },
        axes: [
          { incrs: STEPS, values: (_u, splits) => splits.map((i) => labels[i] ?? '') },
          { values: (_u, splits) => splits.map((v) => v.toLocaleString(language === 'de' ? 'de-DE' : 'en-GB')) },
        ],
        series: [
          { label: label, value: (_u: uPlot, v: number | null) => (v === null ? '–' : (labels[v] ?? '–')) },
          ...order.map((i) => {
            const s = series[i]!;
            return {
              label: s.label,
              stroke: s.color,
              ...(stacked ? { fill: s.color, paths: bars, points: { show: false } } : { width: 2 }),
              value: (_u: uPlot, _v: number | null, _si: number, index: number | null) => (index === null ? '–' : String(s.values[index] ?? '–')),
            };
          }),
        ],
      },
      [xs, ...order.map((i) => (sums ? sums[i]! : (series[i]!.values as (number | null)[])))],
      target,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: target.clientWidth || 800, height: 240 }));
    resize.observe(target);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [labels, series, stacked, language]);
  return <div ref={box} className="analytics-chart" role="img" aria-label={label} data-testid={testId} />;
}
