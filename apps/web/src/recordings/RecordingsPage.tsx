import { useId, useState, type FormEvent } from 'react';
import type { components } from '../api/schema.gen.js';
import { useAllowed } from '../api/session.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { DataTable, type Column } from '../admin/DataTable.js';
import { useI18n, type TextKey } from '../i18n.js';

type Recording = components['schemas']['Recording'];
interface Filters {
  from?: string;
  to?: string;
  extension?: string;
  number?: string;
  direction?: 'inbound' | 'outbound' | 'internal';
}

const PAGE = 50;
const DIRECTIONS: Record<Recording['direction'], TextKey> = { inbound: 'recInbound', outbound: 'recOutbound', internal: 'recInternal' };

/** A datetime-local value (the browser's local time) as ISO, or nothing. */
function isoOf(local: FormDataEntryValue | null): string | undefined {
  const text = String(local ?? '');
  return text ? new Date(text).toISOString() : undefined;
}

function text(form: FormData, name: string): string | undefined {
  const value = String(form.get(name) ?? '').trim();
  return value || undefined;
}

/** m:ss */
function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Bytes as MB with one decimal (kB below one MB). */
function size(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.ceil(bytes / 1000)} kB`;
}

const columns: Column<Recording>[] = [
  { key: 'startedAt', label: 'recTime', value: (r) => r.startedAt, render: (r) => new Date(r.startedAt).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' }) },
  { key: 'caller', label: 'recCaller', value: (r) => r.caller },
  { key: 'callee', label: 'recCallee', value: (r) => r.callee },
  { key: 'direction', label: 'recDirection', value: (r, t) => t(DIRECTIONS[r.direction]) },
  { key: 'duration', label: 'recDuration', value: (r) => r.durationMs, render: (r) => duration(r.durationMs) },
  { key: 'kind', label: 'recKind', value: (r, t) => t(r.kind === 'always' ? 'recKindAlways' : 'recKindOnDemand') },
];

/** How long recordings are kept and in which format (settings section `recordings`, admins only). */
function RecordingSettingsForm() {
  const api = useApi();
  const { t } = useI18n();
  const ids = { days: useId(), format: useId() };
  const settings = api.query.useQuery('get', '/settings/recordings');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  if (!settings.data) return null;
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setOutcome(undefined);
    const form = new FormData(event.currentTarget);
    try {
      await api.client.PUT('/settings/recordings', { body: { retentionDays: Number(form.get('retentionDays')), format: form.get('format') === 'mp3' ? 'mp3' : 'wav' } });
      setOutcome({ ok: true, text: t('recSettingsSaved') });
      await settings.refetch();
    } catch (e) {
      setOutcome({ ok: false, text: reasonOf(e) });
    }
  };
  return (
    <form className="resource-form" aria-label={t('recSettings')} onSubmit={(e) => void save(e)}>
      <label htmlFor={ids.days}>{t('recRetentionDays')}</label>
      <input id={ids.days} name="retentionDays" type="number" defaultValue={settings.data.retentionDays} />
      <label htmlFor={ids.format}>{t('recFormat')}</label>
      <select id={ids.format} name="format" defaultValue={settings.data.format}>
        <option value="wav">WAV</option>
        <option value="mp3">MP3</option>
      </select>
      <button type="submit">{t('recSettingsSave')}</button>
      <small className="hint">{t('recSettingsHint')}</small>
      {outcome && (
        <span role={outcome.ok ? 'status' : 'alert'} className={outcome.ok ? 'ok' : 'error'}>
          {outcome.text}
        </span>
      )}
    </form>
  );
}

/**
 * Call recordings: filters on the server (time, extension, number, direction), a page at a time,
 * the storage they take, a player (the browser asks the API for ranges as it seeks; the session
 * cookie authenticates it), and delete. Operators see the calls of their mailboxes' extensions.
 */
export function RecordingsPage() {
  const api = useApi();
  const { t } = useI18n();
  const ids = { from: useId(), to: useId(), extension: useId(), number: useId(), direction: useId() };
  const [filters, setFilters] = useState<Filters>({});
  const [offset, setOffset] = useState(0);
  const [playing, setPlaying] = useState<number>();
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  const page = api.query.useQuery('get', '/recordings', { params: { query: { ...filters, limit: PAGE, offset } } });
  const admin = useAllowed('admin');
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const direction = text(form, 'direction') as Filters['direction'];
    const next: Filters = { from: isoOf(form.get('from')), to: isoOf(form.get('to')), extension: text(form, 'extension'), number: text(form, 'number'), direction };
    setFilters(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
    setOffset(0);
  };
  const remove = async (id: number) => {
    if (!window.confirm(t('recDeleteConfirm').replace('{id}', String(id)))) return;
    setMessage(undefined);
    try {
      await api.client.DELETE('/recordings/{id}', { params: { path: { id } } });
      if (playing === id) setPlaying(undefined);
      setMessage({ error: false, text: t('recDeleted').replace('{id}', String(id)) });
      await page.refetch();
    } catch (e) {
      setMessage({ error: true, text: reasonOf(e) });
    }
  };
  const total = page.data?.total ?? 0;
  const rows = page.data?.recordings ?? [];
  return (
    <section className="admin-page" aria-label={t('navRecordings')}>
      <h2>{t('recTitle')}</h2>
      {page.error && (
        <p className="error" role="alert">
          {reasonOf(page.error)}
        </p>
      )}
      <form className="resource-form audit-filters" aria-label={t('recFilters')} onSubmit={apply}>
        <label htmlFor={ids.from}>{t('recFrom')}</label>
        <input id={ids.from} name="from" type="datetime-local" />
        <label htmlFor={ids.to}>{t('recTo')}</label>
        <input id={ids.to} name="to" type="datetime-local" />
        <label htmlFor={ids.extension}>{t('recExtension')}</label>
        <input id={ids.extension} name="extension" inputMode="numeric" />
        <label htmlFor={ids.number}>{t('recNumber')}</label>
        <input id={ids.number} name="number" inputMode="tel" />
        <label htmlFor={ids.direction}>{t('recDirection')}</label>
        <select id={ids.direction} name="direction" defaultValue="">
          <option value="">{t('recDirectionAny')}</option>
          {Object.entries(DIRECTIONS).map(([value, label]) => (
            <option key={value} value={value}>
              {t(label)}
            </option>
          ))}
        </select>
        <button type="submit" className="primary">
          {t('recApply')}
        </button>
      </form>
      {page.data && (
        <p data-testid="recordings-storage">
          {t('recStorage').replace('{size}', size(page.data.storageBytes))}
        </p>
      )}
      {message && (
        <p className={message.error ? 'error' : 'ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {playing !== undefined && <audio controls autoPlay preload="metadata" src={`/api/v1/recordings/${playing}`} aria-label={`${t('recPlay')} ${playing}`} />}
      <DataTable
        label={t('navRecordings')}
        rows={rows}
        columns={columns}
        rowKey={(r) => String(r.id)}
        initialSort={{ key: 'startedAt', dir: -1 }}
        actions={(r) => (
          <>
            <button type="button" onClick={() => setPlaying(r.id)}>
              {t('recPlay')}
            </button>{' '}
            <button type="button" className="danger" onClick={() => void remove(r.id)}>
              {t('recDelete')}
            </button>
          </>
        )}
      />
      <p className="audit-paging">
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          {t('recNewer')}
        </button>{' '}
        <span data-testid="recordings-page">
          {t('recPage')
            .replace('{from}', String(total === 0 ? 0 : offset + 1))
            .replace('{to}', String(offset + rows.length))
            .replace('{total}', String(total))}
        </span>{' '}
        <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          {t('recOlder')}
        </button>
      </p>
      {admin && <RecordingSettingsForm />}
    </section>
  );
}
