import { useId, useState, type FormEvent, type HTMLAttributes } from 'react';
import { useI18n, type TextKey } from '../i18n.js';

/**
 * One filter of a list the server filters and pages (the audit log, the recordings): a text
 * (trimmed; empty means no filter), a local date and time (sent as ISO), or a choice (the first,
 * empty one means any).
 */
export type FilterField = { name: string; label: TextKey } & (
  | { kind: 'text'; placeholder?: string; inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'] }
  | { kind: 'datetime' }
  | { kind: 'select'; any: TextKey; options: readonly { value: string; label: TextKey }[] }
);

/** What the filter form's inputs hold, as query parameters: the empty ones left out. */
function filtersOf(fields: readonly FilterField[], form: FormData): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const field of fields) {
    const value = String(form.get(field.name) ?? '').trim();
    // A datetime-local value is the browser's local time; the server compares ISO instants.
    if (value) filters[field.name] = field.kind === 'datetime' ? new Date(value).toISOString() : value;
  }
  return filters;
}

/** The filter form above a paged list: a label and input per field and one button that applies them all. */
export function FilterForm({ label, fields, onApply }: { label: string; fields: readonly FilterField[]; onApply(filters: Record<string, string>): void }) {
  const { t } = useI18n();
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(filtersOf(fields, new FormData(event.currentTarget)));
  };
  return (
    <form className="resource-form audit-filters" aria-label={label} onSubmit={submit}>
      {fields.map((field) => {
        const fieldId = `${id}-${field.name}`;
        return [
          <label key={`${field.name}-label`} htmlFor={fieldId}>
            {t(field.label)}
          </label>,
          field.kind === 'select' ? (
            <select key={field.name} id={fieldId} name={field.name} defaultValue="">
              <option value="">{t(field.any)}</option>
              {field.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {t(option.label)}
                </option>
              ))}
            </select>
          ) : field.kind === 'datetime' ? (
            <input key={field.name} id={fieldId} name={field.name} type="datetime-local" />
          ) : (
            <input key={field.name} id={fieldId} name={field.name} placeholder={field.placeholder} inputMode={field.inputMode} />
          ),
        ];
      })}
      <button type="submit" className="primary">
        {t('filterApply')}
      </button>
    </form>
  );
}

/**
 * The filters and the page of a list the server filters and pages: `query` goes into the request
 * (filters, `limit`, `offset`); new filters start again at the first page.
 */
export function usePages<F extends object>(size: number) {
  const [filters, setFilters] = useState<Partial<F>>({});
  const [offset, setOffset] = useState(0);
  return {
    size,
    offset,
    setOffset,
    query: { ...filters, limit: size, offset },
    filter(next: Record<string, string>) {
      setFilters(next as Partial<F>);
      setOffset(0);
    },
  };
}

/** Newer / "rows a–b of n" / older below a paged list (`range` has {from}, {to} and {total}). */
export function Pager({ pages, total, shown, range, testId }: {
  pages: { size: number; offset: number; setOffset(offset: number): void };
  total: number;
  /** How many rows this page has. */
  shown: number;
  range: TextKey;
  testId: string;
}) {
  const { t } = useI18n();
  const { size, offset, setOffset } = pages;
  return (
    <p className="audit-paging">
      <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - size))}>
        {t('pageNewer')}
      </button>{' '}
      <span data-testid={testId}>
        {t(range)
          .replace('{from}', String(total === 0 ? 0 : offset + 1))
          .replace('{to}', String(offset + shown))
          .replace('{total}', String(total))}
      </span>{' '}
      <button type="button" disabled={offset + size >= total} onClick={() => setOffset(offset + size)}>
        {t('pageOlder')}
      </button>
    </p>
  );
}
