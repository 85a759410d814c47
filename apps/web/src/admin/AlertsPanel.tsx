import { useApi } from '../api/useApi.js';
import { useI18n } from '../i18n.js';
import { DataTable } from './DataTable.js';
import { ErrorText } from './outcome.js';

/** The open alerts are asked for again this often while the dashboard shows. */
const REFRESH_MS = 5000;

/** The open alerts (GET /alerts), refreshed every 5 s, each in the UI language. */
export function AlertsPanel() {
  const { t, language } = useI18n();
  const api = useApi();
  const answer = api.query.useQuery('get', '/alerts', { params: { query: { limit: 0 } } }, { refetchInterval: REFRESH_MS });
  const open = answer.data?.open ?? [];
  return (
    <section aria-label={t('alertsOpen')}>
      <h3>{t('alertsOpen')}</h3>
      <ErrorText error={answer.error} />
      {answer.data && open.length === 0 && <p className="hint">{t('alertsNone')}</p>}
      {open.length > 0 && (
        <DataTable
          label={t('alertsOpen')}
          rows={open}
          rowKey={(a) => a.id}
          columns={[
            { key: 'text', label: 'alertText', value: (a) => a.text[language], render: (a) => <span className="error" data-alert-kind={a.kind}>{a.text[language]}</span> },
            { key: 'since', label: 'alertSince', value: (a) => a.openedAt, render: (a) => new Date(a.openedAt).toLocaleString(language) },
          ]}
        />
      )}
    </section>
  );
}
