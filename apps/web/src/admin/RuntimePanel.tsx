import type { Schema } from '../api/client.js';
import { useApi } from '../api/useApi.js';
import { useI18n, type TextKey } from '../i18n.js';
import { DataTable } from './DataTable.js';
import { ErrorText } from './outcome.js';

type RuntimeApp = Schema<'RuntimeApp'>;

/** The runtime state is asked for again this often while it shows. */
const REFRESH_MS = 5000;

const STATE_TEXTS: Record<RuntimeApp['state'], TextKey> = {
  registered: 'appRegistered',
  replaced: 'appReplaced',
  missing: 'appMissing',
  connecting: 'appConnecting',
};

/** The summary line per runtime state; `off`: the server runs no ARI runtime. */
const SUMMARY_TEXTS: Record<Schema<'RuntimeHealth'>['state'], TextKey> = {
  connected: 'runtimeConnected',
  replaced: 'runtimeReplaced',
  missing: 'runtimeMissing',
  connecting: 'runtimeConnecting',
  off: 'runtimeOff',
};

/**
 * What Asterisk has of the ARI runtime's Stasis apps (GET /runtime), refreshed every 5 s: per app
 * registered to this server or not, and since when. Anything but `connected` is an alert: calls to
 * flows in ari mode go to the fallback, or to another server.
 */
export function RuntimePanel() {
  const { t, language } = useI18n();
  const api = useApi();
  const answer = api.query.useQuery('get', '/runtime', undefined, { refetchInterval: REFRESH_MS });
  const state = answer.data?.state;
  const alert = state !== undefined && state !== 'connected' && state !== 'off';
  return (
    <section aria-label={t('runtime')}>
      <h3>{t('runtime')}</h3>
      <ErrorText error={answer.error} />
      {state && (
        <p className={alert ? 'error' : 'hint'} role={alert ? 'alert' : undefined} data-runtime={state}>
          {t(SUMMARY_TEXTS[state])}
        </p>
      )}
      {answer.data && answer.data.apps.length > 0 && (
        <DataTable
          label={t('runtime')}
          rows={answer.data.apps}
          rowKey={(a) => a.name}
          columns={[
            { key: 'name', label: 'runtimeApp', value: (a) => a.name },
            { key: 'role', label: 'runtimeRole', value: (a, t) => t(a.role === 'flows' ? 'runtimeRoleFlows' : 'runtimeRoleVisits') },
            {
              key: 'state',
              label: 'state',
              value: (a, t) => t(STATE_TEXTS[a.state]),
              render: (a, t) => <span className={`state state-${a.registered ? 'online' : 'offline'}`}>{t(STATE_TEXTS[a.state])}</span>,
            },
            { key: 'since', label: 'callSince', value: (a) => a.since, render: (a) => new Date(a.since).toLocaleString(language) },
          ]}
        />
      )}
    </section>
  );
}
