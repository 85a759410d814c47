import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client.js';
import { crud, type CreatedRow, type CrudPath, type Row } from '../api/crud.js';
import { listKey } from '../api/query.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n, type TextKey } from '../i18n.js';
import { DataTable, type Column } from './DataTable.js';
import { issuesByField, optionText, optionValue, toBody, toValues, type FieldChecks, type FieldErrors, type FieldSpec, type FormValues } from './form.js';
import { ErrorText } from './outcome.js';

export interface ResourceSpec<P extends CrudPath> {
  /** The API path under /api/v1, e.g. `/extensions`; its items are typed from the server's spec. */
  path: P;
  title: TextKey;
  columns: readonly Column<Row<P>>[];
  fields: readonly FieldSpec[];
  /** Checks as the admin types (the server checks again and its 422 issues land on the fields). */
  validate?(values: FormValues, creating: boolean): FieldChecks;
  /** Shown once after a create, e.g. the generated secret. */
  created?(item: CreatedRow<P>): ReactNode;
  /** Initial values for a new item (presets). */
  blank?: FormValues;
  /** Extra controls above the form (e.g. trunk presets), given a setter for the values. */
  formExtras?(set: (values: FormValues) => void): ReactNode;
}

/** An admin page: the shared table, a create/edit form, delete. The list is shared with the editor's pickers. */
export function ResourcePage<P extends CrudPath>({ spec }: { spec: ResourceSpec<P> }) {
  const { t } = useI18n();
  const api = useApi();
  const calls = crud(api, spec.path);
  const queryClient = useQueryClient();
  const rows = useQuery({ queryKey: listKey(spec.path), queryFn: ({ signal }) => calls.list(signal) });
  const [editing, setEditing] = useState<{ id?: string; values: FormValues }>();
  const [once, setOnce] = useState<ReactNode>();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: listKey(spec.path) });
  const remove = useMutation({ mutationFn: calls.remove, onSettled: invalidate });
  const loadError = rows.isError ? reasonOf(rows.error) : remove.isError ? reasonOf(remove.error) : undefined;

  const blank = () => ({ ...toValues(spec.fields, {}), ...spec.blank });
  const askRemove = (id: string) => {
    if (window.confirm(t('deleteConfirm').replace('{id}', id))) remove.mutate(id);
  };

  return (
    <section className="admin-page" aria-label={t(spec.title)}>
      <h2>{t(spec.title)}</h2>
      <ErrorText error={loadError} />
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
          onSaved={async (created) => {
            setEditing(undefined);
            if (created && spec.created) setOnce(spec.created(created));
            await invalidate();
          }}
          submit={async (body, id) => (id === undefined ? calls.create(body) : void (await calls.replace(id, body)))}
        />
      )}
      <DataTable
        label={t(spec.title)}
        rows={rows.data ?? []}
        columns={spec.columns}
        rowKey={(r) => r.id}
        actions={(row) => (
          <>
            <button type="button" onClick={() => setEditing({ id: row.id, values: toValues(spec.fields, row) })}>
              {t('edit')} {row.id}
            </button>
            <button type="button" onClick={() => askRemove(row.id)}>
              {t('delete')} {row.id}
            </button>
          </>
        )}
      />
    </section>
  );
}

function ResourceForm<P extends CrudPath>({ spec, id, initial, onCancel, onSaved, submit }: {
  spec: ResourceSpec<P>;
  id?: string;
  initial: FormValues;
  onCancel(): void;
  /** `created`: the new item, after a create. */
  onSaved(created: CreatedRow<P> | undefined): Promise<void>;
  /** Creates (without `id`, answering the new item) or replaces the item. */
  submit(body: Record<string, unknown>, id?: string): Promise<CreatedRow<P> | undefined>;
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
      await onSaved(await submit(toBody(spec.fields, values), id));
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
      <ErrorText error={server['']} />
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
