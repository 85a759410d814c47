import { useId, useState } from 'react';
import type { components, paths } from '../api/schema.gen.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { DataTable, type Column } from '../admin/DataTable.js';
import { FilterForm, Pager, usePages, type FilterField } from '../admin/Filters.js';
import { SettingsForm } from '../admin/SettingsForm.js';
import { useI18n } from '../i18n.js';
import { ErrorText } from '../admin/outcome.js';

type Entry = components['schemas']['AuditEntry'];
type Filters = NonNullable<paths['/audit']['get']['parameters']['query']>;

const PAGE = 100;

const filterFields: readonly FilterField[] = [
  { name: 'actor', label: 'auditActor', kind: 'text' },
  { name: 'action', label: 'auditAction', kind: 'text', placeholder: 'POST /users' },
  { name: 'resource', label: 'auditResource', kind: 'text', placeholder: 'extensions/100' },
  { name: 'from', label: 'auditFrom', kind: 'datetime' },
  { name: 'to', label: 'auditTo', kind: 'datetime' },
];

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value, null, 1));

const columns: Column<Entry>[] = [
  { key: 'at', label: 'auditTime', value: (e) => e.at, render: (e) => new Date(e.at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' }) },
  { key: 'actor', label: 'auditActor', value: (e, t) => (e.actor.kind === 'system' ? `${t('auditSystem')}: ${e.actor.name}` : `${e.actor.name}${e.actor.role ? ` (${e.actor.role})` : ''}`) },
  { key: 'address', label: 'auditAddress', value: (e) => e.address ?? '' },
  { key: 'action', label: 'auditAction', value: (e) => e.action },
  { key: 'resource', label: 'auditResource', value: (e) => [e.resource.type, e.resource.id].filter(Boolean).join('/') },
  { key: 'outcome', label: 'auditOutcome', value: (e, t) => (e.outcome === 403 ? `403 ${t('auditRefused')}` : (e.outcome ?? '')) },
  {
    key: 'change',
    label: 'auditChange',
    value: (e) => `${json(e.before)} ${json(e.after)}`,
    render: (e, t) =>
      e.before === null && e.after === null ? null : (
        <details>
          <summary>{t('auditChange')}</summary>
          {e.before !== null && (
            <>
              <strong>{t('auditBefore')}</strong>
              <pre>{json(e.before)}</pre>
            </>
          )}
          {e.after !== null && (
            <>
              <strong>{t('auditAfter')}</strong>
              <pre>{json(e.after)}</pre>
            </>
          )}
        </details>
      ),
  },
];

/** The retention setting (settings section `audit`), with the server's message when it refuses a value. */
function RetentionForm() {
  const api = useApi();
  const { t } = useI18n();
  const id = useId();
  const settings = api.query.useQuery('get', '/settings/audit');
  if (!settings.data) return null;
  const save = async (form: FormData) => {
    await api.client.PUT('/settings/audit', { body: { retentionDays: Number(form.get('retentionDays')) } });
    await settings.refetch();
    return t('auditRetentionSaved');
  };
  return (
    <SettingsForm label={t('auditRetention')} save={t('auditRetentionSave')} hint={t('auditRetentionHint')} onSave={save}>
      <label htmlFor={id}>{t('auditRetentionDays')}</label>
      <input id={id} name="retentionDays" type="number" defaultValue={settings.data.retentionDays} />
    </SettingsForm>
  );
}

/** The admin's audit log: filters on the server (who, action, resource, time), a page at a time, and the chain's check. */
export function AuditPage() {
  const api = useApi();
  const { t } = useI18n();
  const pages = usePages<Filters>(PAGE);
  const [verdict, setVerdict] = useState<{ ok: boolean; text: string }>();
  const page = api.query.useQuery('get', '/audit', { params: { query: pages.query } });
  const verify = async () => {
    setVerdict(undefined);
    try {
      const { data } = await api.client.GET('/audit/verify');
      if (!data) return;
      setVerdict(
        data.ok
          ? { ok: true, text: t('auditVerified').replace('{rows}', String(data.rows)) }
          : { ok: false, text: t('auditBroken').replace('{seq}', String(data.broken?.seq)).replace('{reason}', data.broken?.reason ?? '') },
      );
    } catch (e) {
      setVerdict({ ok: false, text: reasonOf(e) });
    }
  };
  const rows = page.data?.entries ?? [];
  return (
    <section className="admin-page" aria-label={t('navAudit')}>
      <h2>{t('auditTitle')}</h2>
      <ErrorText error={page.error} />
      <FilterForm label={t('auditFilters')} fields={filterFields} onApply={pages.filter} />
      <p>
        <button type="button" onClick={() => void verify()}>
          {t('auditVerify')}
        </button>{' '}
        {verdict && (
          <span role={verdict.ok ? 'status' : 'alert'} data-testid="audit-verdict" className={verdict.ok ? 'ok' : 'error'}>
            {verdict.text}
          </span>
        )}
      </p>
      <DataTable label={t('navAudit')} rows={rows} columns={columns} rowKey={(e) => String(e.seq)} initialSort={{ key: 'at', dir: -1 }} />
      <Pager pages={pages} total={page.data?.total ?? 0} shown={rows.length} range="auditPage" testId="audit-page" />
      <RetentionForm />
    </section>
  );
}
