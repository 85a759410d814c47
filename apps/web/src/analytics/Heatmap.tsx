import { useI18n } from '../i18n.js';

/**
 * The busiest hours: a CSS grid of weekdays (rows, Monday first) by hour of day (columns), each
 * cell shaded by its share of the busiest cell and showing its count. A grid of 168 cells needs no
 * chart library, reads as a table for screen readers, and stays sharp at any size.
 */
export function Heatmap({ cells }: { cells: readonly (readonly number[])[] }) {
  const { t, weekdays } = useI18n();
  const most = Math.max(1, ...cells.flat());
  return (
    <div className="analytics-heatmap" role="table" aria-label={t('anHeatmapTitle')} data-testid="analytics-heatmap">
      <div role="row" className="analytics-heatmap-row">
        <span role="columnheader">{t('anWeekday')}</span>
        {Array.from({ length: 24 }, (_, hour) => (
          <span role="columnheader" key={hour}>
            {hour}
          </span>
        ))}
      </div>
      {weekdays.map((weekday, day) => (
        <div role="row" className="analytics-heatmap-row" key={weekday.day}>
          <span role="rowheader" title={weekday.long}>
            {weekday.short}
          </span>
          {(cells[day] ?? []).map((count, hour) => (
            <span
              role="cell"
              key={hour}
              title={`${weekday.long} ${hour}:00–${hour + 1}:00: ${count}`}
              className={count / most > 0.55 ? 'dark' : undefined}
              style={{ backgroundColor: `rgba(28, 126, 214, ${(count / most).toFixed(3)})` }}
            >
              {count > 0 ? count : ''}
            </span>
          ))}
        </div>
      ))}
    </div>
  );
}
