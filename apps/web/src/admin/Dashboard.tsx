import { useAllowed } from '../api/session.js';
import { useI18n, type TextKey, type Translate } from '../i18n.js';
import { LiveCallsPanel } from '../live/LiveCallsPanel.js';
import { useLiveMonitor } from '../live/useLiveMonitor.js';
import { AlertsPanel } from './AlertsPanel.js';
import { ErrorText } from './outcome.js';
import { QueuesPanel } from '../ops/QueuesPanel.js';
import { BansPanel } from './BansPanel.js';
import { DataTable } from './DataTable.js';
import { RuntimePanel } from './RuntimePanel.js';

/** Asterisk's words (ARI endpoint states, AMI registration status) with a text in both languages. */
const ASTERISK_WORDS: Record<string, TextKey> = {
  online: 'endpointOnline',
  offline: 'endpointOffline',
  unknown: 'endpointUnknown',
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

/** Live calls and endpoint states, pushed by the server (GET /live); the stream reopens by itself. */
export function Dashboard() {
  const { t } = useI18n();
  const admin = useAllowed('admin'); // the SIP bans are the admin's
  const live = useLiveMonitor();
  const endpoints = [
    ...live.endpoints.extensions.map((e) => ({ ...e, kind: 'ext', registration: undefined })),
    ...live.endpoints.trunks.map((e) => ({ ...e, kind: 'trunk' })),
  ];
  const status = !live.open ? 'liveReconnecting' : live.asterisk ? 'liveOpen' : 'liveNoAsterisk';
  return (
    <section className="admin-page" aria-label={t('navDashboard')}>
      <h2>{t('navDashboard')}</h2>
      <p className={`hint live-status live-${live.open ? 'open' : 'lost'}`} role="status" data-live={live.open ? 'open' : 'reconnecting'}>
        {t(status)}
      </p>
      {!live.open && <ErrorText error={live.error} />}
      <AlertsPanel />
      <h3>{t('liveCalls')}</h3>
      <LiveCallsPanel calls={live.calls} skewMs={live.skewMs} />
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
        ]}
      />
      <QueuesPanel />
      <RuntimePanel />
      {admin && <BansPanel />}
    </section>
  );
}
