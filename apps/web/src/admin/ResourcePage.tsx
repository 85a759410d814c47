import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n, type TextKey } from '../i18n.js';
import { DataTable, type Column } from './DataTable.js';
import { issuesByField, optionText, optionValue, toBody, toValues, type FieldChecks, type FieldErrors, type FieldSpec, type FormValues } from './form.js';

export interface ResourceSpec<T extends { id: string }> {
  /** The API path under /api/v1, e.g. `/extensions`. */
  path: string;
  title: TextKey;
  columns: readonly Column<T>[];
  fields: readonly FieldSpec[];
  /** Checks as the admin types (the server checks again and its 422 issues land on the fields). */
  validate?(values: FormValues, creating: boolean): FieldChecks;
  /** Shown once after a create, e.g. the generated secret. */
  created?(item: T): ReactNode;
  /** Initial values for a new item (presets). */
  blank?: FormValues;
  /** Extra controls above the form (e.g. trunk presets), given a setter for the values. */
  formExtras?(set: (values: FormValues) => void): ReactNode;
}

/** An admin page: the shared table, a create/edit form, delete. */
export function ResourcePage<T extends { id: string }>({ spec }: { spec: ResourceSpec<T> }) {
  const { t } = useI18n();
  const api = useApi();
  const [rows, setRows] = useState<T[]>([]);
  const [loadError, setLoadError] = useState<string>();
  const [editing, setEditing] = useState<{ id?: string; values: FormValues }>();
  const [once, setOnce] = useState<ReactNode>();

  const load = useCallback(async () => {
    try {
      setRows(await api.get<T[]>(spec.path));
      setLoadError(undefined);
    } catch (e) {
      setLoadError(reasonOf(e));
    }
  }, [api, spec.path]);
  useEffect(() => void load(), [load]);

  const blank = () => ({ ...toValues(spec.fields, {}), ...spec.blank });
  const remove = async (id: string) => {
    if (!window.confirm(t('deleteConfirm').replace('{id}', id))) return;
    try {
      await api.send('DELETE', `${spec.path}/${encodeURIComponent(id)}`);
      await load();
    } catch (e) {
      setLoadError(reasonOf(e));
    }
  };

  return (
    <section className="admin-page" aria-label={t(spec.title)}>
      <h2>{t(spec.title)}</h2>
      {loadError && (
        <p className="error" role="alert">
          {loadError}
        </p>
      )}
      {once && (
        <div className="once" role="status" data-testid="shown-once">
          {once}
          <button type="button" onClick={() => setOnce(undefined)}>
            {t('close')}
          </button>
        </div>
      )}
      <button
        type="button"
        className="primary"
        onClick={() => {
          setOnce(undefined);
          setEditing({ values: blank() });
        }}
      >
        {t('create')}
      </button>
      {editing && (
        <ResourceForm
          key={editing.id ?? '(new)'}
          spec={spec}
          {...(editing.id !== undefined ? { id: editing.id } : {})}
          initial={editing.values}
          onCancel={() => setEditing(undefined)}
          onSaved={async (item, created) => {
            setEditing(undefined);
            if (created && spec.created) setOnce(spec.created(item));
            await load();
          }}
          submit={(body, id) => (id === undefined ? api.send<T>('POST', spec.path, body) : api.send<T>('PUT', `${spec.path}/${encodeURIComponent(id)}`, body))}
        />
      )}
      <DataTable
        label={t(spec.title)}
        rows={rows}
        columns={spec.columns}
        rowKey={(r) => r.id}
        actions={(row) => (
          <>
            <button type="button" onClick={() => setEditing({ id: row.id, values: toValues(spec.fields, row) })}>
              {t('edit')} {row.id}
            </button>
            <button type="button" onClick={() => void remove(row.id)}>
              {t('delete')} {row.id}
            </button>
          </>
        )}
      />
    </section>
  );
}

function ResourceForm<T extends { id: string }>({ spec, id, initial, onCancel, onSaved, submit }: {
  spec: ResourceSpec<T>;
  id?: string;
  initial: FormValues;
  onCancel(): void;
  onSaved(item: T, created: boolean): Promise<void>;
  submit(body: Record<string, unknown>, id?: string): Promise<T>;
}) {
  const { t } = useI18n();
  const base = useId();
  const creating = id === undefined;
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [server, setServer] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const local = spec.validate?.(values, creating) ?? {};
  const set = (path: string, value: string | boolean) => {
    setValues((v) => ({ ...v, [path]: value }));
    setTouched((s) => new Set(s).add(path));
    setServer(({ [path]: _gone, ...rest }) => rest);
  };
  const save = async () => {
    setBusy(true);
    try {
      const item = await submit(toBody(spec.fields, values), id);
      await onSaved(item, creating);
    } catch (e) {
      setServer(e instanceof ApiError && e.issues.length > 0 ? issuesByField(spec.fields, e.issues) : { '': reasonOf(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="resource-form"
      aria-label={creating ? t('create') : `${t('edit')} ${id}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(new Set(spec.fields.map((f) => f.path)));
        if (Object.keys(local).length === 0) void save();
      }}
    >
      {spec.formExtras?.((v) => setValues((old) => ({ ...old, ...v })))}
      {spec.fields.map((f) => {
        const fid = `${base}-${f.path}`;
        const check = touched.has(f.path) ? local[f.path] : undefined;
        const error = server[f.path] ?? (check === undefined ? undefined : t(check));
        const value = values[f.path];
        const common = {
          id: fid,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': error ? `${fid}-error` : undefined,
          disabled: f.createOnly && !creating,
        } as const;
        return (
          <div key={f.path} className={`field${error ? ' invalid' : ''}`}>
            <label htmlFor={fid}>{t(f.label)}</label>
            {f.kind === 'checkbox' ? (
              <input {...common} type="checkbox" checked={value === true} onChange={(e) => set(f.path, e.target.checked)} />
            ) : f.kind === 'select' ? (
              <select {...common} value={String(value ?? '')} onChange={(e) => set(f.path, e.target.value)}>
                {(f.options ?? []).map((o) => (
                  <option key={optionValue(o)} value={optionValue(o)}>
                    {optionText(o, t)}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type={f.kind === 'number' ? 'number' : 'text'}
                autoComplete="off"
                value={String(value ?? '')}
                onChange={(e) => set(f.path, e.target.value)}
              />
            )}
            {f.hint && <small className="hint">{t(f.hint)}</small>}
            {error && (
              <small id={`${fid}-error`} className="error field-error">
                {error}
              </small>
            )}
          </div>
        );
      })}
      {server[''] && (
        <p className="error" role="alert">
          {server['']}
        </p>
      )}
      <div className="modal-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
