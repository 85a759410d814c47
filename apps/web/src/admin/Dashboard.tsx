import { useCallback, useEffect, useState } from 'react';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n, type TextKey, type Translate } from '../i18n.js';
import { BansPanel } from './BansPanel.js';
import { DataTable } from './DataTable.js';

interface Call {
  id: string;
  state: string;
  caller: { name: string; number: string };
  connected: { name: string; number: string };
  createdAt: string;
}
interface Endpoint {
  id: string;
  endpoint: string;
  state: string;
  inUse: boolean;
  channels: number;
  registration?: string;
}
interface Status {
  extensions: Endpoint[];
  trunks: Endpoint[];
}

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

/** Live calls and endpoint status, refreshed every 5 s. */
export function Dashboard() {
  const { t, language } = useI18n();
  const api = useApi();
  const [calls, setCalls] = useState<Call[]>();
  const [status, setStatus] = useState<Status>();
  const [error, setError] = useState<string>();
  const [updated, setUpdated] = useState<Date>();

  const refresh = useCallback(async () => {
    const [c, s] = await Promise.allSettled([api.get<Call[]>('/calls'), api.get<Status>('/status')]);
    if (c.status === 'fulfilled') setCalls(c.value);
    if (s.status === 'fulfilled') setStatus(s.value);
    const failed = [c, s].find((r) => r.status === 'rejected');
    setError(failed ? reasonOf(failed.reason) : undefined);
    setUpdated(new Date());
  }, [api]);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 5000);
    return () => clearInterval(timer);
  }, [refresh]);

  const endpoints = status ? [...status.extensions.map((e) => ({ ...e, kind: 'ext' })), ...status.trunks.map((e) => ({ ...e, kind: 'trunk' }))] : [];
  return (
    <section className="admin-page" aria-label={t('navDashboard')}>
      <h2>{t('navDashboard')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {updated && (
        <p className="hint">
          {t('updated')}: {updated.toLocaleTimeString(language)}
        </p>
      )}
      <h3>{t('liveCalls')}</h3>
      <DataTable
        label={t('liveCalls')}
        rows={calls ?? []}
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
      <BansPanel />
    </section>
  );
}
