import { Fragment, useId, useMemo, useState, type ReactNode } from 'react';
import { useI18n, type TextKey, type Translate } from '../i18n.js';

export interface Column<T> {
  key: string;
  label: TextKey;
  /** The cell as text in the UI language (`t`): shown, searched and sorted by. */
  value(row: T, t: Translate): string | number;
  render?(row: T, t: Translate): ReactNode;
}

/**
 * The one table of the admin pages: a search over all columns and sorting by a header click. Each
 * row carries `data-id` (its key) and whatever `rowData` adds (e.g. `data-user`); `detail` shows
 * something under a row across the whole width (an editor opened from the row), or nothing.
 */
export function DataTable<T>({ rows, columns, rowKey, actions, label, initialSort, rowData, detail }: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): string;
  actions?(row: T): ReactNode;
  label: string;
  /** The sort before any header click (default: the first column, ascending). */
  initialSort?: { key: string; dir: 1 | -1 };
  rowData?(row: T): Record<`data-${string}`, string>;
  detail?(row: T): ReactNode;
}) {
  const { t, language } = useI18n();
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 }>(initialSort ?? { key: columns[0]!.key, dir: 1 });
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const column = columns.find((c) => c.key === sort.key) ?? columns[0]!;
    return rows
      .filter((row) => !q || columns.some((c) => String(c.value(row, t)).toLowerCase().includes(q)))
      .toSorted((a, b) => {
        const x = column.value(a, t);
        const y = column.value(b, t);
        return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), language, { numeric: true })) * sort.dir;
      });
  }, [rows, columns, query, sort, t, language]);
  return (
    <div className="data-table">
      <label htmlFor={searchId}>{t('search')}</label>{' '}
      <input id={searchId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
                <button type="button" onClick={() => setSort((s) => ({ key: c.key, dir: s.key === c.key ? (-s.dir as 1 | -1) : 1 }))}>
                  {t(c.label)} {sort.key === c.key ? (sort.dir === 1 ? '▲' : '▼') : ''}
                </button>
              </th>
            ))}
            {actions && <th />}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => {
            const below = detail?.(row);
            return (
              <Fragment key={rowKey(row)}>
                <tr data-id={rowKey(row)} {...rowData?.(row)}>
                  {columns.map((c) => (
                    <td key={c.key}>{c.render ? c.render(row, t) : c.value(row, t)}</td>
                  ))}
                  {actions && <td className="actions">{actions(row)}</td>}
                </tr>
                {below && (
                  <tr>
                    <td colSpan={columns.length + (actions ? 1 : 0)}>{below}</td>
                  </tr>
                )}
              </Fragment>
            );
          })}
          {shown.length === 0 && (
            <tr>
              <td colSpan={columns.length + (actions ? 1 : 0)} className="hint">
                {t('nothingFound')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
