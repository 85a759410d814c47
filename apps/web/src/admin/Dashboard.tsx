import { useAllowed } from '../api/session.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n, type TextKey, type Translate } from '../i18n.js';
import { AlertsPanel } from './AlertsPanel.js';
import { QueuesPanel } from '../ops/QueuesPanel.js';
import { BansPanel } from './BansPanel.js';
import { DataTable } from './DataTable.js';
import { RuntimePanel } from './RuntimePanel.js';
import { ErrorText } from './outcome.js';

/** Live calls and endpoints are asked for again this often while the dashboard shows. */
const REFRESH_MS = 5000;

/** Asterisk's words (ARI endpoint and channel states, AMI registration status) with a text in both languages. */
const ASTERISK_WORDS: Record<string, TextKey> = {
  online: 'endpointOnline',
  offline: 'endpointOffline',
  unknown: 'endpointUnknown',
  Up: 'channelUp',
  Ring: 'channelRing',
  Ringing: 'channelRing',
  Dialing: 'channelDialing',
  Busy: 'channelBusy',
  Down: 'channelDown',
  Registered: 'registrationRegistered',
  Unregistered: 'registrationUnregistered',
  Rejected: 'registrationRejected',
  Stopped: 'registrationStopped',
};

/** One of Asterisk's state words in the UI language; words without a text are shown as Asterisk sends them. */
function asteriskWord(word: string, t: Translate): string {
  const key = Object.hasOwn(ASTERISK_WORDS, word) ? ASTERISK_WORDS[word] : undefined;
  return key ? t(key) : word;
}

/** Live calls and endpoint status, refreshed every 5 s (TanStack Query's interval, paused while the tab is hidden). */
export function Dashboard() {
  const { t, language } = useI18n();
  const api = useApi();
  const admin = useAllowed('admin'); // the SIP bans are the admin's
  const calls = api.query.useQuery('get', '/calls', undefined, { refetchInterval: REFRESH_MS });
  const status = api.query.useQuery('get', '/status', undefined, { refetchInterval: REFRESH_MS });
  const failed = [calls, status].find((q) => q.isError);
  const error = failed ? reasonOf(failed.error) : undefined;
  // When either answered last, with data or an error.
  const at = Math.max(calls.dataUpdatedAt, calls.errorUpdatedAt, status.dataUpdatedAt, status.errorUpdatedAt);
  const updated = at > 0 ? new Date(at) : undefined;

  const endpoints = status.data
    ? [...status.data.extensions.map((e) => ({ ...e, kind: 'ext', registration: undefined })), ...status.data.trunks.map((e) => ({ ...e, kind: 'trunk' }))]
    : [];
  return (
    <section className="admin-page" aria-label={t('navDashboard')}>
      <h2>{t('navDashboard')}</h2>
      <ErrorText error={error} />
      {updated && (
        <p className="hint">
          {t('updated')}: {updated.toLocaleTimeString(language)}
        </p>
      )}
      <AlertsPanel />
      <h3>{t('liveCalls')}</h3>
      <DataTable
        label={t('liveCalls')}
        rows={calls.data ?? []}
        rowKey={(c) => c.id}
        columns={[
          { key: 'caller', label: 'callCaller', value: (c) => `${c.caller.name} ${c.caller.number}`.trim() },
          { key: 'connected', label: 'callConnected', value: (c) => `${c.connected.name} ${c.connected.number}`.trim() },
          { key: 'state', label: 'state', value: (c, t) => asteriskWord(c.state, t) },
          { key: 'since', label: 'callSince', value: (c) => c.createdAt, render: (c) => new Date(c.createdAt).toLocaleTimeString(language) },
        ]}
      />
      <h3>{t('endpoints')}</h3>
      <DataTable
        label={t('endpoints')}
        rows={endpoints}
        rowKey={(e) => `${e.kind}-${e.id}`}
        columns={[
          { key: 'id', label: 'fieldId', value: (e) => e.id },
          { key: 'kind', label: 'endpointKind', value: (e, t) => t(e.kind === 'ext' ? 'endpointExtension' : 'endpointTrunk') },
          {
            key: 'state',
            label: 'state',
            value: (e, t) => asteriskWord(e.state, t),
            render: (e, t) => <span className={`state state-${e.state}`}>{asteriskWord(e.state, t)}</span>,
          },
          { key: 'registration', label: 'endpointRegistration', value: (e, t) => (e.registration ? asteriskWord(e.registration, t) : '') },
          { key: 'channels', label: 'endpointChannels', value: (e) => e.channels },
        ]}
      />
      <QueuesPanel />
      <RuntimePanel />
      {admin && <BansPanel />}
    </section>
  );
}
