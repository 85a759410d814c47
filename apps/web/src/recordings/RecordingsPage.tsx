import { useId, useState } from 'react';
import type { components, paths } from '../api/schema.gen.js';
import { useAllowed } from '../api/session.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { DataTable, type Column } from '../admin/DataTable.js';
import { FilterForm, Pager, usePages, type FilterField } from '../admin/Filters.js';
import { SettingsForm } from '../admin/SettingsForm.js';
import { ErrorText, OutcomeText, useRun } from '../admin/outcome.js';
import { useI18n, type TextKey } from '../i18n.js';

type Recording = components['schemas']['Recording'];
type Filters = NonNullable<paths['/recordings']['get']['parameters']['query']>;

const PAGE = 50;
const DIRECTIONS: Record<Recording['direction'], TextKey> = { inbound: 'recInbound', outbound: 'recOutbound', internal: 'recInternal' };

const filterFields: readonly FilterField[] = [
  { name: 'from', label: 'recFrom', kind: 'datetime' },
  { name: 'to', label: 'recTo', kind: 'datetime' },
  { name: 'extension', label: 'recExtension', kind: 'text', inputMode: 'numeric' },
  { name: 'number', label: 'recNumber', kind: 'text', inputMode: 'tel' },
  { name: 'direction', label: 'recDirection', kind: 'select', any: 'recDirectionAny', options: Object.entries(DIRECTIONS).map(([value, label]) => ({ value, label })) },
];

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
  if (!settings.data) return null;
  const save = async (form: FormData) => {
    await api.client.PUT('/settings/recordings', { body: { retentionDays: Number(form.get('retentionDays')), format: form.get('format') === 'mp3' ? 'mp3' : 'wav' } });
    await settings.refetch();
    return t('recSettingsSaved');
  };
  return (
    <SettingsForm label={t('recSettings')} save={t('recSettingsSave')} hint={t('recSettingsHint')} onSave={save}>
      <label htmlFor={ids.days}>{t('recRetentionDays')}</label>
      <input id={ids.days} name="retentionDays" type="number" defaultValue={settings.data.retentionDays} />
      <label htmlFor={ids.format}>{t('recFormat')}</label>
      <select id={ids.format} name="format" defaultValue={settings.data.format}>
        <option value="wav">WAV</option>
        <option value="mp3">MP3</option>
      </select>
    </SettingsForm>
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
  const pages = usePages<Filters>(PAGE);
  const [playing, setPlaying] = useState<number>();
  const page = api.query.useQuery('get', '/recordings', { params: { query: pages.query } });
  const { outcome, run } = useRun({ after: () => page.refetch(), explain: reasonOf });
  const admin = useAllowed('admin');
  const remove = async (id: number) => {
    if (!window.confirm(t('recDeleteConfirm').replace('{id}', String(id)))) return;
    await run(async () => {
      await api.client.DELETE('/recordings/{id}', { params: { path: { id } } });
      if (playing === id) setPlaying(undefined);
      return t('recDeleted').replace('{id}', String(id));
    });
  };
  const rows = page.data?.recordings ?? [];
  return (
    <section className="admin-page" aria-label={t('navRecordings')}>
      <h2>{t('recTitle')}</h2>
      <ErrorText error={page.error} />
      <FilterForm label={t('recFilters')} fields={filterFields} onApply={pages.filter} />
      {page.data && (
        <p data-testid="recordings-storage">
          {t('recStorage').replace('{size}', size(page.data.storageBytes))}
        </p>
      )}
      <OutcomeText outcome={outcome} />
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
      <Pager pages={pages} total={page.data?.total ?? 0} shown={rows.length} range="recPage" testId="recordings-page" />
      {admin && <RecordingSettingsForm />}
    </section>
  );
}
