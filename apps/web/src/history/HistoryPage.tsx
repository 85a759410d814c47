import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { components, paths } from '../api/schema.gen.js';
import { useAllowed } from '../api/session.js';
import { useApi } from '../api/useApi.js';
import { DataTable, type Column } from '../admin/DataTable.js';
import { FilterForm, type FilterField } from '../admin/Filters.js';
import { SettingsForm } from '../admin/SettingsForm.js';
import { ErrorText } from '../admin/outcome.js';
import { useI18n, type TextKey } from '../i18n.js';
import { callPathUrl } from './call-path.js';

type Call = components['schemas']['HistoryCall'];
type Query = NonNullable<paths['/history']['get']['parameters']['query']>;

const PAGE = 50;
const DIRECTIONS: Record<Call['direction'], TextKey> = { inbound: 'recInbound', outbound: 'recOutbound', internal: 'recInternal' };
const OUTCOMES: Record<Call['outcome'], TextKey> = { answered: 'outAnswered', missed: 'outMissed', abandoned: 'outAbandoned', voicemail: 'outVoicemail', busy: 'outBusy', failed: 'outFailed' };
/** The orders the server keeps across pages (a header click sorts the page shown). */
const ORDERS: Record<string, { label: TextKey; sort: NonNullable<Query['sort']>; dir: NonNullable<Query['dir']> }> = {
  'startedAt:desc': { label: 'histOrderNewest', sort: 'startedAt', dir: 'desc' },
  'startedAt:asc': { label: 'histOrderOldest', sort: 'startedAt', dir: 'asc' },
  'talkMs:desc': { label: 'histOrderTalk', sort: 'talkMs', dir: 'desc' },
  'waitMs:desc': { label: 'histOrderWait', sort: 'waitMs', dir: 'desc' },
};

const filterFields: readonly FilterField[] = [
  { name: 'from', label: 'recFrom', kind: 'datetime' },
  { name: 'to', label: 'recTo', kind: 'datetime' },
  { name: 'extension', label: 'recExtension', kind: 'text', inputMode: 'numeric' },
  { name: 'number', label: 'histNumber', kind: 'text', inputMode: 'tel' },
  { name: 'direction', label: 'recDirection', kind: 'select', any: 'recDirectionAny', options: Object.entries(DIRECTIONS).map(([value, label]) => ({ value, label })) },
  {
    name: 'outcome',
    label: 'histOutcome',
    kind: 'select',
    any: 'histOutcomeAny',
    options: [...Object.entries(OUTCOMES).map(([value, label]) => ({ value, label })), { value: 'missed,abandoned,voicemail,busy,failed', label: 'histNotAnswered' }],
  },
  { name: 'flow', label: 'histFlow', kind: 'text' },
  { name: 'queue', label: 'histQueue', kind: 'text' },
  { name: 'trunk', label: 'histTrunk', kind: 'text' },
  { name: 'order', label: 'histOrder', kind: 'select', any: 'histOrderNewest', options: Object.entries(ORDERS).slice(1).map(([value, { label }]) => ({ value, label })) },
];

/** 1:05 (m:ss), 1:02:03 from an hour; a dash for no time. */
function duration(ms: number | null): string {
  if (ms === null) return '–';
  const s = Math.round(ms / 1000);
  const mmss = `${Math.floor((s % 3600) / 60)}:${String(s % 60).padStart(2, '0')}`;
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mmss.padStart(5, '0')}` : mmss;
}

const columns: Column<Call>[] = [
  { key: 'startedAt', label: 'recTime', value: (c) => c.startedAt, render: (c) => new Date(c.startedAt).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' }) },
  { key: 'direction', label: 'recDirection', value: (c, t) => t(DIRECTIONS[c.direction]) },
  { key: 'caller', label: 'recCaller', value: (c) => (c.callerName ? `${c.callerName} ${c.caller}` : c.caller) },
  { key: 'called', label: 'recCallee', value: (c) => c.called },
  { key: 'outcome', label: 'histOutcome', value: (c, t) => t(OUTCOMES[c.outcome]) },
  { key: 'answeredBy', label: 'histAnsweredBy', value: (c) => c.answeredBy ?? '' },
  { key: 'waitMs', label: 'histWait', value: (c) => c.waitMs ?? -1, render: (c) => duration(c.waitMs) },
  { key: 'talkMs', label: 'histTalk', value: (c) => c.talkMs, render: (c) => duration(c.talkMs) },
  { key: 'queue', label: 'histQueue', value: (c) => c.queue ?? '' },
  { key: 'flow', label: 'histFlow', value: (c) => (c.flow ? `${c.flow.id} v${c.flow.version ?? '?'}` : '') },
];

/** The history's retention (settings section `history`, admins only). */
function HistorySettingsForm() {
  const api = useApi();
  const { t } = useI18n();
  const id = useId();
  const settings = api.query.useQuery('get', '/settings/history');
  if (!settings.data) return null;
  const save = async (form: FormData) => {
    await api.client.PUT('/settings/history', { body: { retentionDays: Number(form.get('retentionDays')) } });
    await settings.refetch();
    return t('histSettingsSaved');
  };
  return (
    <SettingsForm label={t('histSettings')} save={t('histSettingsSave')} hint={t('histSettingsHint')} onSave={save}>
      <label htmlFor={id}>{t('histRetentionDays')}</label>
      <input id={id} name="retentionDays" type="number" defaultValue={settings.data.retentionDays} />
    </SettingsForm>
  );
}

/** The filters as the API's query: the order select split into sort and direction. */
function queryOf(filters: Record<string, string>): Omit<Query, 'limit' | 'cursor'> {
  const { order, ...rest } = filters;
  const chosen = ORDERS[order ?? ''] ?? ORDERS['startedAt:desc']!;
  return { ...rest, sort: chosen.sort, dir: chosen.dir } as Omit<Query, 'limit' | 'cursor'>;
}

/**
 * The call history: filters and the order on the server, a page at a time by keyset (next page,
 * and back through the cursors of the pages seen), the outcome in words, links to the call's recordings and mailbox, a CSV of
 * every match, and for an editor the call's path on its flow's canvas. Operators see the calls of
 * their mailboxes' extensions and their queues (the server decides).
 */
export function HistoryPage() {
  const api = useApi();
  const { t, language } = useI18n();
  const [filters, setFilters] = useState<Omit<Query, 'limit' | 'cursor'>>(queryOf({}));
  // The cursors of the pages shown so far: the last is this page's (none: the first page).
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const page = api.query.useQuery('get', '/history', { params: { query: { ...filters, limit: PAGE, ...(cursor ? { cursor } : {}) } } });
  const editor = useAllowed('editor');
  const admin = useAllowed('admin');
  const rows = page.data?.calls ?? [];
  const next = page.data?.next ?? null;
  const csv = `/api/v1/history.csv?${new URLSearchParams({ ...(filters as Record<string, string>), lang: language })}`;
  return (
    <section className="admin-page" aria-label={t('navHistory')}>
      <h2>{t('histTitle')}</h2>
      <ErrorText error={page.error} />
      <FilterForm
        label={t('histFilters')}
        fields={filterFields}
        onApply={(chosen) => {
          setFilters(queryOf(chosen));
          setCursors([]);
        }}
      />
      <p>
        <a href={csv} download data-testid="history-csv">
          {t('histCsv')}
        </a>
      </p>
      <DataTable
        label={t('navHistory')}
        rows={rows}
        columns={columns}
        rowKey={(c) => c.id}
        initialSort={filters.sort === 'startedAt' ? { key: 'startedAt', dir: filters.dir === 'asc' ? 1 : -1 } : { key: filters.sort ?? 'startedAt', dir: -1 }}
        rowData={(c) => ({ 'data-outcome': c.outcome })}
        actions={(c) => (
          <>
            {c.recordings.map((r) => (
              <a key={r.id} href={r.href} target="_blank" rel="noreferrer">
                {t('histRecording').replace('{n}', String(r.id))}
              </a>
            ))}{' '}
            {c.voicemail && <Link to={`/voicemail?box=${encodeURIComponent(c.voicemail.box)}`}>{t('histVoicemail').replace('{box}', c.voicemail.box)}</Link>}{' '}
            {editor && c.flow && c.path.length > 0 && (
              <Link to={callPathUrl(c.flow, c.path)} className="button" data-testid="history-path">
                {t('histShowPath')}
              </Link>
            )}
          </>
        )}
      />
      <p className="audit-paging">
        <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('histNewer')}
        </button>{' '}
        <span data-testid="history-page">{t('histPageOf').replace('{n}', String(cursors.length + 1))}</span>{' '}
        <button type="button" disabled={next === null} onClick={() => next && setCursors([...cursors, next])}>
          {t('histOlder')}
        </button>
      </p>
      {admin && <HistorySettingsForm />}
    </section>
  );
}
