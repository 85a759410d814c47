import { useId, useState, type FormEvent } from 'react';
import type { components } from '../api/schema.gen.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { DataTable, type Column } from '../admin/DataTable.js';
import { useI18n } from '../i18n.js';

type Entry = components['schemas']['AuditEntry'];
interface Filters {
  actor?: string;
  action?: string;
  resource?: string;
  from?: string;
  to?: string;
}

const PAGE = 100;

/** A datetime-local value (the browser's local time) as ISO, or nothing. */
function isoOf(local: FormDataEntryValue | null): string | undefined {
  const text = String(local ?? '');
  return text ? new Date(text).toISOString() : undefined;
}

function text(form: FormData, name: string): string | undefined {
  const value = String(form.get(name) ?? '').trim();
  return value || undefined;
}

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
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  if (!settings.data) return null;
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setOutcome(undefined);
    try {
      await api.client.PUT('/settings/audit', { body: { retentionDays: Number(new FormData(event.currentTarget).get('retentionDays')) } });
      setOutcome({ ok: true, text: t('auditRetentionSaved') });
      await settings.refetch();
    } catch (e) {
      setOutcome({ ok: false, text: reasonOf(e) });
    }
  };
  return (
    <form className="resource-form" aria-label={t('auditRetention')} onSubmit={(e) => void save(e)}>
      <label htmlFor={id}>{t('auditRetentionDays')}</label>
      <input id={id} name="retentionDays" type="number" defaultValue={settings.data.retentionDays} />
      <button type="submit">{t('auditRetentionSave')}</button>
      <small className="hint">{t('auditRetentionHint')}</small>
      {outcome && (
        <span role={outcome.ok ? 'status' : 'alert'} className={outcome.ok ? 'ok' : 'error'}>
          {outcome.text}
        </span>
      )}
    </form>
  );
}

/** The admin's audit log: filters on the server (who, action, resource, time), a page at a time, and the chain's check. */
export function AuditPage() {
  const api = useApi();
  const { t } = useI18n();
  const ids = { actor: useId(), action: useId(), resource: useId(), from: useId(), to: useId() };
  const [filters, setFilters] = useState<Filters>({});
  const [offset, setOffset] = useState(0);
  const [verdict, setVerdict] = useState<{ ok: boolean; text: string }>();
  const page = api.query.useQuery('get', '/audit', { params: { query: { ...filters, limit: PAGE, offset } } });
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Filters = { actor: text(form, 'actor'), action: text(form, 'action'), resource: text(form, 'resource'), from: isoOf(form.get('from')), to: isoOf(form.get('to')) };
    setFilters(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
    setOffset(0);
  };
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
  const total = page.data?.total ?? 0;
  const rows = page.data?.entries ?? [];
  return (
    <section className="admin-page" aria-label={t('navAudit')}>
      <h2>{t('auditTitle')}</h2>
      {page.error && (
        <p className="error" role="alert">
          {reasonOf(page.error)}
        </p>
      )}
      <form className="resource-form audit-filters" aria-label={t('auditFilters')} onSubmit={apply}>
        <label htmlFor={ids.actor}>{t('auditActor')}</label>
        <input id={ids.actor} name="actor" />
        <label htmlFor={ids.action}>{t('auditAction')}</label>
        <input id={ids.action} name="action" placeholder="POST /users" />
        <label htmlFor={ids.resource}>{t('auditResource')}</label>
        <input id={ids.resource} name="resource" placeholder="extensions/100" />
        <label htmlFor={ids.from}>{t('auditFrom')}</label>
        <input id={ids.from} name="from" type="datetime-local" />
        <label htmlFor={ids.to}>{t('auditTo')}</label>
        <input id={ids.to} name="to" type="datetime-local" />
        <button type="submit" className="primary">
          {t('auditApply')}
        </button>
      </form>
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
      <p className="audit-paging">
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          {t('auditNewer')}
        </button>{' '}
        <span data-testid="audit-page">
          {t('auditPage')
            .replace('{from}', String(total === 0 ? 0 : offset + 1))
            .replace('{to}', String(offset + rows.length))
            .replace('{total}', String(total))}
        </span>{' '}
        <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          {t('auditOlder')}
        </button>
      </p>
      <RetentionForm />
    </section>
  );
}
